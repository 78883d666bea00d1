import json

import boto3

bedrock = boto3.client("bedrock-runtime")


def call(model_id, text):
    if model_id.startswith("anthropic."):
        body = {"prompt": f"\n\nHuman: {text}\n\nAssistant:", "max_tokens_to_sample": 100}
    # KEEP-BEGIN
    elif model_id.startswith("amazon."):
        body = {"inputText": text}
    # KEEP-END
    else:
        raise ValueError(model_id)
    resp = bedrock.invoke_model(modelId=model_id, body=json.dumps(body))
    out = json.loads(resp["body"].read())
    if model_id.startswith("anthropic."):
        return out["completion"]
    return out["results"][0]["outputText"]


print(call("anthropic.claude-v2", "Say hi."))
