import json

import boto3

runtime = boto3.Session(region_name="us-east-1").client("bedrock-runtime")


def stream_events(question, model_id="anthropic.claude-instant-v1"):
    response = runtime.invoke_model_with_response_stream(
        modelId=model_id,
        contentType="application/json",
        accept="application/json",
        body=json.dumps(
            {
                "prompt": f"\n\nHuman: {question}\n\nAssistant:",
                "max_tokens_to_sample": 50,
                "stop_sequences": ["\n\nHuman:"],
                "temperature": 0.5,
                "top_k": 40,
            }
        ),
    )
    for event in response["body"]:
        if "chunk" in event:
            yield json.loads(event["chunk"]["bytes"])


def render(question):
    text = ""
    n = 0
    for payload in stream_events(question):
        piece = payload.get("completion", "")
        if piece:
            n += 1
            text += piece
    return text, n


for q in ("What is a fjord?", "Name a desert animal."):
    text, n = render(q)
    print(n > 0, len(text), text.strip())
