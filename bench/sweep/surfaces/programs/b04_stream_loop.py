import json

import boto3

brt = boto3.client("bedrock-runtime")
body = json.dumps({"prompt": "\n\nHuman: Write a limerick.\n\nAssistant:", "max_tokens_to_sample": 200})
response = brt.invoke_model_with_response_stream(modelId="anthropic.claude-v2", body=body)
for event in response["body"]:
    chunk = json.loads(event["chunk"]["bytes"])
    print(chunk["completion"], end="")
print()
