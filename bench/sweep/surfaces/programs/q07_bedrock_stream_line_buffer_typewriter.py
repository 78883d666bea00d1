import json
import sys

import boto3

client = boto3.client("bedrock-runtime", region_name="us-east-1")


def stream_lines(question, max_tokens=200):
    """Yield the answer one complete line at a time."""
    body = {
        "prompt": f"\n\nHuman: {question}\nAnswer as a numbered list, one item per line.\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "temperature": 0.3,
    }
    response = client.invoke_model_with_response_stream(
        modelId="anthropic.claude-v2:1",
        contentType="application/json",
        accept="application/json",
        body=json.dumps(body),
    )
    buffer = ""
    for event in response["body"]:
        chunk = json.loads(event["chunk"]["bytes"])
        buffer += chunk["completion"]
        while "\n" in buffer:
            line, buffer = buffer.split("\n", 1)
            yield line
    if buffer:
        yield buffer


n = 0
for line in stream_lines("List three uses of baking soda."):
    n += 1
    sys.stdout.write(f"{n:>2}| {line.strip()}\n")
print("lines:", n)
