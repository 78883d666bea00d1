import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


def build_request(question, model_id="anthropic.claude-instant-v1", **params):
    body = {
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": 120,
        "stop_sequences": ["\n\nHuman:"],
    }
    body.update(params)
    return {
        "modelId": model_id,
        "body": json.dumps(body),
        "accept": "application/json",
        "contentType": "application/json",
    }


def complete(question, **params):
    response = bedrock.invoke_model(**build_request(question, **params))
    payload = json.loads(response["body"].read())
    return payload["completion"].strip()


print(complete("What is photosynthesis?"))
answer = complete("Name three oceans.", temperature=0.0, max_tokens_to_sample=6)
print(len(answer.split()), answer)
