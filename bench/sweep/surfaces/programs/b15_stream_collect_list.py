import json

import boto3

client = boto3.client("bedrock-runtime")
resp = client.invoke_model_with_response_stream(
    modelId="anthropic.claude-v2",
    body=json.dumps({"prompt": "\n\nHuman: Tell a short joke.\n\nAssistant:", "max_tokens_to_sample": 60}),
)
parts = []
for event in resp["body"]:
    chunk = json.loads(event["chunk"]["bytes"].decode("utf-8"))
    parts.append(chunk["completion"])
print("".join(parts))
