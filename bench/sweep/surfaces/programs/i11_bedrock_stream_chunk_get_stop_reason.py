import json

import boto3

bedrock_runtime = boto3.client("bedrock-runtime", region_name="us-east-1")


def stream_answer(question, max_tokens=120):
    body = json.dumps(
        {
            "prompt": f"\n\nHuman:{question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "temperature": 0.5,
        }
    )
    response = bedrock_runtime.invoke_model_with_response_stream(
        modelId="anthropic.claude-v2", body=body
    )
    stream = response.get("body")
    text, stop_reason = "", None
    if stream:
        for event in stream:
            chunk = event.get("chunk")
            if chunk:
                payload = json.loads(chunk.get("bytes").decode())
                text += payload["completion"]
                print(payload["completion"], end="", flush=True)
                if payload.get("stop_reason"):
                    stop_reason = payload["stop_reason"]
    print()
    return text, stop_reason


for q, n in (("Describe a coral reef.", 120), ("Describe a rainforest.", 6)):
    text, reason = stream_answer(q, n)
    print(len(text), "truncated" if reason == "max_tokens" else "finished")
