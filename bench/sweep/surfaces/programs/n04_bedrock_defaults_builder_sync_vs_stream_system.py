import json

import boto3

DEFAULTS = {"max_tokens_to_sample": 120, "temperature": 0.7, "top_p": 0.9}
MODEL_ID = "anthropic.claude-v2:1"
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


def frame(system, question):
    return f"{system}\n\nHuman: {question}\n\nAssistant:"


def make_body(prompt, **opts):
    body = dict(DEFAULTS)
    body.update(opts)
    body["prompt"] = prompt
    return json.dumps(body)


def complete(prompt, **opts):
    resp = bedrock.invoke_model(modelId=MODEL_ID, body=make_body(prompt, **opts))
    return json.loads(resp["body"].read())["completion"]


def stream(prompt, **opts):
    resp = bedrock.invoke_model_with_response_stream(modelId=MODEL_ID, body=make_body(prompt, **opts))
    for event in resp.get("body"):
        chunk = event.get("chunk")
        if chunk is None:
            continue
        yield json.loads(chunk.get("bytes").decode()).get("completion", "")


prompt = frame("You are a geography tutor.", "What is an isthmus?")
whole = complete(prompt)
pieces = list(stream(prompt))
print(whole.strip())
print(len([p for p in pieces if p]) > 1, "".join(pieces) == whole)
short = "".join(stream(frame("Be brief.", "Describe the Andes."), max_tokens_to_sample=4))
print(short.strip())
