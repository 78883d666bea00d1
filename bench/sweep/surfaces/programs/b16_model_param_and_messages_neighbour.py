import json

import boto3

bedrock = boto3.client("bedrock-runtime")


def legacy(model_id, question):
    body = json.dumps({"prompt": f"\n\nHuman: {question}\n\nAssistant:", "max_tokens_to_sample": 64})
    resp = bedrock.invoke_model(modelId=model_id, body=body)
    return json.loads(resp["body"].read())["completion"]


# KEEP-BEGIN
def modern(question):
    body = json.dumps(
        {
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 64,
            "messages": [{"role": "user", "content": question}],
        }
    )
    resp = bedrock.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=body)
    return json.loads(resp["body"].read())["content"][0]["text"]
# KEEP-END


print(legacy("anthropic.claude-v2", "Name a desert."))
print(modern("Name a forest."))
