import json

import boto3

runtime = boto3.client("bedrock-runtime")
payload = {
    "prompt": "\n\nHuman: Give me a fun fact about owls.\n\nAssistant:",
    "max_tokens_to_sample": 150,
    "top_p": 0.9,
}
response = runtime.invoke_model(modelId="anthropic.claude-v2:1", body=json.dumps(payload))
data = json.loads(response["body"].read().decode("utf-8"))
print(data["completion"].strip())
print(data["stop_reason"])
