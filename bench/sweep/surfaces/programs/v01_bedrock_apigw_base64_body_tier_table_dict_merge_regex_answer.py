import base64
import json
import os
import re

import boto3

MODEL_TIERS = {
    "fast": "anthropic.claude-instant-v1",
    "smart": os.environ.get("SMART_MODEL_ID", "anthropic.claude-v2:1"),
}
DEFAULT_PARAMS = {"max_tokens_to_sample": 200, "temperature": 0.2, "stop_sequences": ["\n\nHuman:"]}
bedrock = boto3.client("bedrock-runtime", region_name=os.environ.get("AWS_REGION", "us-east-1"))


def parse_event(event):
    raw = event.get("body") or "{}"
    if event.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode("utf-8")
    return json.loads(raw)


def build_body(question, overrides):
    prompt = "\n\nHuman: " + question + "\nPut the final answer in <answer> tags.\n\nAssistant:"
    return {**DEFAULT_PARAMS, **overrides, "prompt": prompt}


def extract_answer(text):
    match = re.search(r"<answer>(.*?)</answer>", text, re.DOTALL)
    return (match.group(1) if match else text).strip()


def lambda_handler(event, context):
    payload = parse_event(event)
    model_id = MODEL_TIERS.get(payload.get("tier", "fast"), MODEL_TIERS["fast"])
    overrides = {k: payload[k] for k in ("temperature", "max_tokens_to_sample") if k in payload}
    response = bedrock.invoke_model(
        modelId=model_id,
        contentType="application/json",
        accept="application/json",
        body=json.dumps(build_body(payload["question"], overrides)),
    )
    result = json.loads(response["body"].read())
    answer = extract_answer(result["completion"])
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"answer": answer, "tier": payload.get("tier", "fast")}),
    }


def encoded(payload):
    return {"isBase64Encoded": True, "body": base64.b64encode(json.dumps(payload).encode()).decode()}


for ev in (
    {"body": json.dumps({"question": "What is the capital of Peru?"})},
    encoded({"question": "Why is the sky blue?", "tier": "smart"}),
    encoded({"question": "List every planet.", "max_tokens_to_sample": 4}),
):
    out = lambda_handler(ev, None)
    print(out["statusCode"], json.loads(out["body"]))
