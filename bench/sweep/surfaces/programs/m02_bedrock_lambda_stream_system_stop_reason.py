import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
DEFAULT_SYSTEM = "You are a release-notes writer. Be brief."


def lambda_handler(event, context):
    system = event.get("system", DEFAULT_SYSTEM)
    prompt = f"{system}\n\nHuman: {event['text']}\n\nAssistant:"
    response = runtime.invoke_model_with_response_stream(
        modelId="anthropic.claude-instant-v1",
        body=json.dumps(
            {
                "prompt": prompt,
                "max_tokens_to_sample": event.get("limit", 80),
                "top_p": 0.9,
            }
        ),
    )
    pieces = []
    stop_reason = None
    for event_part in response["body"]:
        chunk = event_part.get("chunk")
        if not chunk:
            continue
        payload = json.loads(chunk["bytes"])
        pieces.append(payload["completion"])
        if payload.get("stop_reason"):
            stop_reason = payload["stop_reason"]
    text = "".join(pieces).strip()
    return {
        "statusCode": 200,
        "body": {"notes": text, "complete": stop_reason == "stop_sequence", "words": len(text.split())},
    }


for ev in (
    {"text": "Summarise: fixed login bug, added dark mode."},
    {"text": "Summarise: new export to CSV, faster search, many small fixes.", "limit": 4},
    {"text": "Summarise: removed legacy API.", "system": "Answer in French."},
):
    result = lambda_handler(ev, None)
    print(result["statusCode"], json.dumps(result["body"], sort_keys=True))
