import json

import boto3

client = boto3.client("bedrock-runtime", region_name="us-east-1")
response = client.invoke_model(
    modelId="anthropic.claude-v2",
    body=json.dumps(
        {
            "prompt": "\n\nHuman: What is the tallest mountain?\n\nAssistant:",
            "max_tokens_to_sample": 200,
            "temperature": 0.5,
        }
    ),
)
result = json.loads(response["body"].read())
print(result["completion"])
