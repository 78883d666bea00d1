import json

import boto3
from botocore.exceptions import ClientError

client = boto3.client("bedrock-runtime")
try:
    response = client.invoke_model(
        modelId="anthropic.claude-v2",
        body=json.dumps({"prompt": "\n\nHuman: Hello\n\nAssistant:", "max_tokens_to_sample": 30}),
    )
    print(json.loads(response["body"].read())["completion"])
except ClientError as err:
    print("error", err.response["Error"]["Code"])
