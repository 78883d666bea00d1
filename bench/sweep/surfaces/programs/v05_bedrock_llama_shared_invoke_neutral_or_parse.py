import json

import boto3
from botocore.exceptions import ClientError

client = boto3.client("bedrock-runtime", region_name="us-west-2")


def claude_request(prompt, max_tokens):
    return {
        "prompt": f"\n\nHuman: {prompt}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "temperature": 0.5,
    }


# KEEP-BEGIN
def llama_request(prompt, max_tokens):
    return {"prompt": f"[INST] {prompt} [/INST]", "max_gen_len": max_tokens, "temperature": 0.5}


# KEEP-END
BUILDERS = {"anthropic": claude_request, "meta": llama_request}


def invoke(model_id, prompt, max_tokens=256):
    request = BUILDERS[model_id.split(".")[0]](prompt, max_tokens)
    response = client.invoke_model(modelId=model_id, body=json.dumps(request))
    output = json.loads(response["body"].read())
    text = output.get("completion") or output.get("generation") or ""
    return text.strip(), output.get("stop_reason")


for model_id in ("anthropic.claude-instant-v1", "meta.llama2-13b-chat-v1", "anthropic.claude-v2"):
    try:
        text, reason = invoke(model_id, "Give me a synonym for happy.")
    except ClientError as err:
        print(model_id, "failed:", err.response["Error"]["Code"])
        continue
    print(model_id, "->", text, "| done" if reason != "max_tokens" else "| truncated")
text, reason = invoke("anthropic.claude-v2", "Describe the ocean in detail.", max_tokens=4)
print(repr(text), reason == "max_tokens")
# KEEP-BEGIN
print(json.dumps(llama_request("hi", 8), sort_keys=True))
# KEEP-END
