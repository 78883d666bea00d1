import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-west-2")


def build_request(model_id, user_text, max_tokens=256, temperature=0.2):
    body = {"temperature": temperature}
    if model_id.startswith("anthropic."):
        body["prompt"] = f"\n\nHuman: {user_text}\n\nAssistant:"
        body["max_tokens_to_sample"] = max_tokens
        body["stop_sequences"] = ["\n\nHuman:"]
    # KEEP-BEGIN
    elif model_id.startswith("meta."):
        body["prompt"] = f"<s>[INST] {user_text} [/INST]"
        body["max_gen_len"] = max_tokens
        body["top_p"] = 0.9
    elif model_id.startswith("amazon."):
        body = {"inputText": user_text, "textGenerationConfig": {"maxTokenCount": max_tokens, "temperature": temperature}}
    # KEEP-END
    return json.dumps(body)


def parse_response(model_id, raw):
    data = json.loads(raw)
    if model_id.startswith("anthropic."):
        return data["completion"]
    # KEEP-BEGIN
    if model_id.startswith("meta."):
        return data["generation"]
    return data["results"][0]["outputText"]
    # KEEP-END


JOBS = [
    ("anthropic.claude-v2:1", "Name three uses of copper."),
    ("anthropic.claude-instant-v1", "What is bronze made of?"),
]
for model_id, question in JOBS:
    resp = bedrock.invoke_model(
        modelId=model_id,
        body=build_request(model_id, question, max_tokens=80),
        contentType="application/json",
        accept="application/json",
    )
    print(question, "->", parse_response(model_id, resp["body"].read()).strip())
# KEEP-BEGIN
for model_id in ("meta.llama2-13b-chat-v1", "amazon.titan-text-lite-v1"):
    print(model_id, build_request(model_id, "hello", max_tokens=32))
# KEEP-END
