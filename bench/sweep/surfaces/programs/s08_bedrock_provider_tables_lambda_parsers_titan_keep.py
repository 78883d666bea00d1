import json

import boto3

client = boto3.client("bedrock-runtime", region_name="us-east-1")


def claude_body(prompt, max_tokens):
    return {
        "prompt": f"\n\nHuman: {prompt}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": ["\n\nHuman:"],
    }


# KEEP-BEGIN
def titan_body(prompt, max_tokens):
    return {"inputText": prompt, "textGenerationConfig": {"maxTokenCount": max_tokens}}


# KEEP-END
BODY_BUILDERS = {"anthropic": claude_body, "amazon": titan_body}
PARSERS = {
    "anthropic": lambda out: out["completion"],
    "amazon": lambda out: out["results"][0]["outputText"],
}
MODELS = ["anthropic.claude-instant-v1", "anthropic.claude-v2", "amazon.titan-text-express-v1"]


def invoke(model_id, prompt, max_tokens=120):
    provider = model_id.split(".")[0]
    body = BODY_BUILDERS[provider](prompt, max_tokens)
    response = client.invoke_model(modelId=model_id, body=json.dumps(body))
    return PARSERS[provider](json.loads(response["body"].read())).strip()


for model_id in MODELS:
    if model_id.startswith("amazon."):
        print(model_id, "skipped (no Titan access in this account)")
        continue
    print(model_id, invoke(model_id, "Name a famous bridge."))
print(invoke(MODELS[0], "Describe a suspension bridge.", max_tokens=4))
