import json
import os

import boto3

MODEL = os.getenv("BEDROCK_MODEL", "anthropic.claude-instant-v1")


def get_client():
    return boto3.client(service_name="bedrock-runtime", region_name="us-east-1")


def decode(event):
    return json.loads(event["chunk"]["bytes"].decode("utf-8"))


def stream_answer(client, question):
    body = {"prompt": f"\n\nHuman: {question}\n\nAssistant:", "max_tokens_to_sample": 60}
    response = client.invoke_model_with_response_stream(
        modelId=MODEL, body=json.dumps(body), contentType="application/json", accept="application/json"
    )
    text, stop = "", None
    for event in response["body"]:
        chunk = decode(event)
        text += chunk.get("completion", "")
        if chunk.get("stop_reason"):
            stop = chunk["stop_reason"]
    return text, stop


client = get_client()
answer, stop = stream_answer(client, "Explain a rainbow briefly.")
print(answer.strip())
print(stop)
