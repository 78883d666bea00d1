import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
DEFAULTS = {"max_tokens_to_sample": 50, "temperature": 0.1, "stop_sequences": ["\n\nHuman:"]}


def invoke(model_id, payload):
    request = {
        "modelId": model_id,
        "contentType": "application/json",
        "accept": "application/json",
        "body": json.dumps(payload),
    }
    response = bedrock.invoke_model(**request)
    return json.loads(response["body"].read())


# KEEP-BEGIN
def titan(text):
    out = invoke("amazon.titan-text-express-v1", {"inputText": text, "textGenerationConfig": {"maxTokenCount": 50}})
    return out["results"][0]["outputText"]
# KEEP-END


def claude(text):
    payload = dict(DEFAULTS)
    payload["prompt"] = f"\n\nHuman: {text}\n\nAssistant:"
    out = invoke("anthropic.claude-v2:1", payload)
    return out["completion"].strip(), out["stop_reason"]


print(claude("Name a constellation."))
print(claude("Name a comet."))
