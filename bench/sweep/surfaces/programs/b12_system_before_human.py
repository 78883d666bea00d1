import json

import boto3

client = boto3.client("bedrock-runtime")
prompt = "You are a terse assistant.\n\nHuman: What is 10 / 2?\n\nAssistant:"
body = json.dumps({"prompt": prompt, "max_tokens_to_sample": 20, "stop_sequences": ["\n\nHuman:"]})
response = client.invoke_model(body=body, modelId="anthropic.claude-v2", contentType="application/json")
print(json.loads(response["body"].read())["completion"])
