import json

import boto3

client = boto3.client("bedrock-runtime")
BASE_BODY = {"max_tokens_to_sample": 150, "temperature": 0.2, "top_p": 0.9}


def ask(question, model_id="anthropic.claude-v2:1"):
    body = {**BASE_BODY, "prompt": f"\n\nHuman: {question}\n\nAssistant:"}
    resp = client.invoke_model(modelId=model_id, body=json.dumps(body))
    return json.loads(resp["body"].read().decode("utf-8"))["completion"]


print(ask("What is the capital of Peru?"))
print(ask("What is the capital of Chile?", model_id="anthropic.claude-instant-v1"))
