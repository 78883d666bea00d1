import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
MODEL_ID = "anthropic.claude-v2"


def build_body(prompt, max_tokens=300, temperature=0.5, stop=None):
    body = {
        "prompt": f"\n\nHuman: {prompt}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "temperature": temperature,
    }
    if stop:
        body["stop_sequences"] = stop
    return json.dumps(body)


def invoke(prompt, **kwargs):
    response = bedrock.invoke_model(
        modelId=MODEL_ID,
        body=build_body(prompt, **kwargs),
        accept="application/json",
        contentType="application/json",
    )
    return json.loads(response["body"].read())["completion"]


print(invoke("Name a metal."))
print(invoke("Name a gas.", max_tokens=10, stop=["\n\nHuman:"]))
