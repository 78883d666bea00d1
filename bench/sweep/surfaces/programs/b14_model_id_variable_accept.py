import json
import os

import boto3

MODEL_ID = os.environ.get("BEDROCK_MODEL", "anthropic.claude-instant-v1")
ACCEPT = "application/json"
CONTENT_TYPE = "application/json"
bedrock = boto3.client("bedrock-runtime")


def complete(question, max_tokens=100, temperature=0.2):
    body = json.dumps(
        {
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "temperature": temperature,
        }
    )
    response = bedrock.invoke_model(body=body, modelId=MODEL_ID, accept=ACCEPT, contentType=CONTENT_TYPE)
    return json.loads(response.get("body").read()).get("completion")


print(complete("Name a volcano."))
