import json

import boto3

BASE_BODY = {
    "max_tokens_to_sample": 300,
    "temperature": 0.1,
    "top_k": 250,
    "top_p": 1,
    "stop_sequences": ["\n\nHuman:"],
    "anthropic_version": "bedrock-2023-05-31",
}
brt = boto3.client(service_name="bedrock-runtime", region_name="us-east-1")


def invoke_claude(prompt_text, **overrides):
    body = BASE_BODY.copy()
    body["prompt"] = f"\n\nHuman: {prompt_text}\n\nAssistant:"
    body.update(overrides)
    response = brt.invoke_model(
        body=json.dumps(body),
        modelId="anthropic.claude-v2",
        accept="application/json",
        contentType="application/json",
    )
    response_body = json.loads(response.get("body").read())
    return response_body.get("completion")


print(invoke_claude("Write a tagline for a coffee shop.").strip())
print(invoke_claude("Write a tagline for a bakery.", max_tokens_to_sample=3, temperature=0.9).strip())
print(sorted(BASE_BODY))
