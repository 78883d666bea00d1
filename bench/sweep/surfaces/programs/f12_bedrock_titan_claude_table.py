import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


# KEEP-BEGIN
def titan_body(prompt, max_tokens):
    return {
        "inputText": f"\n\nHuman: {prompt}\n\nAssistant:",
        "textGenerationConfig": {"maxTokenCount": max_tokens, "temperature": 0, "stopSequences": ["Human:"]},
    }


def titan_text(payload):
    return payload["results"][0]["outputText"]
# KEEP-END


def claude_body(prompt, max_tokens):
    return {"prompt": f"\n\nHuman: {prompt}\n\nAssistant:", "max_tokens_to_sample": max_tokens}


def claude_text(payload):
    return payload["completion"]


PROVIDERS = {
    # KEEP-BEGIN
    "amazon": (titan_body, titan_text),
    # KEEP-END
    "anthropic": (claude_body, claude_text),
}


def generate(model_id, prompt, max_tokens=100):
    build, parse = PROVIDERS[model_id.split(".")[0]]
    response = bedrock.invoke_model(modelId=model_id, body=json.dumps(build(prompt, max_tokens)))
    return parse(json.loads(response["body"].read()))


print(generate("anthropic.claude-instant-v1", "Name an insect."))
