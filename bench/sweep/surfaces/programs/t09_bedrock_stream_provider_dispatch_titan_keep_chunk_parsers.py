import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-east-1")


def anthropic_body(prompt, max_tokens):
    return {"prompt": f"\n\nHuman: {prompt}\n\nAssistant:", "max_tokens_to_sample": max_tokens, "temperature": 0.1}


def anthropic_text(chunk):
    return chunk.get("completion", "")


# KEEP-BEGIN
def titan_body(prompt, max_tokens):
    return {"inputText": prompt, "textGenerationConfig": {"maxTokenCount": max_tokens, "temperature": 0.1}}


def titan_text(chunk):
    return chunk.get("outputText", "")
# KEEP-END


PROVIDERS = {
    "anthropic": (anthropic_body, anthropic_text),
    # KEEP-BEGIN
    "amazon": (titan_body, titan_text),
    # KEEP-END
}


def stream(model_id, prompt, max_tokens=120):
    build, parse = PROVIDERS[model_id.split(".")[0]]
    response = runtime.invoke_model_with_response_stream(
        modelId=model_id, body=json.dumps(build(prompt, max_tokens)), accept="application/json"
    )
    for event in response["body"]:
        chunk = json.loads(event["chunk"]["bytes"].decode())
        yield parse(chunk)


out = "".join(stream("anthropic.claude-instant-v1", "Suggest a name for a cat."))
print(out.strip())
print("".join(stream("anthropic.claude-v2:1", "Describe Paris at length.", 5)).strip())
# KEEP-BEGIN
print(json.dumps(titan_body("hello", 10), sort_keys=True))
# KEEP-END
