import json

import boto3

MODEL_ID = "anthropic.claude-v2"
STOPS = ["\n\nHuman:", "STOP"]
client = boto3.client("bedrock-runtime", region_name="us-east-1")


def request_body(question, max_tokens):
    return {
        "prompt": "\n\nHuman: " + question + "\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": STOPS,
    }


def events(question, max_tokens=80):
    resp = client.invoke_model_with_response_stream(
        modelId=MODEL_ID, body=json.dumps(request_body(question, max_tokens))
    )
    for event in resp["body"]:
        data = json.loads(event["chunk"]["bytes"])
        if data["completion"]:
            yield "text", data["completion"]
        if data["stop_reason"]:
            yield "end", (data["stop_reason"], data.get("stop"))


def run(question, max_tokens=80):
    parts, end = [], (None, None)
    for kind, value in events(question, max_tokens):
        if kind == "text":
            parts.append(value)
        else:
            end = value
    return "".join(parts).strip(), end


for q, n in (("Count to five and then stop.", 80), ("Describe a lagoon.", 80), ("Describe a delta.", 4)):
    text, (reason, stop) = run(q, n)
    print(f"{reason} {stop!r}: {text}")
