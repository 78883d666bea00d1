import json
import os

import boto3
import httpx

HUMAN = "\n\nHuman:"
AI = "\n\nAssistant:"

API_BASE = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com").rstrip("/")
BEDROCK_MODEL = "anthropic.claude-instant-v1"
API_MODEL = "claude-instant-1.2"

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


def build_body(question, max_tokens=150):
    return {
        "prompt": f"{HUMAN} {question}{AI}",
        "max_tokens_to_sample": max_tokens,
        "temperature": 0.3,
        "stop_sequences": [HUMAN],
    }


def ask_bedrock(question, max_tokens=150):
    response = bedrock.invoke_model(
        modelId=BEDROCK_MODEL,
        body=json.dumps(build_body(question, max_tokens)),
        contentType="application/json",
        accept="application/json",
    )
    payload = json.loads(response["body"].read())
    return payload["completion"], payload["stop_reason"]


def ask_api(question, max_tokens=150):
    body = build_body(question, max_tokens)
    body["model"] = API_MODEL
    r = httpx.post(
        f"{API_BASE}/v1/complete",
        json=body,
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        timeout=30.0,
    )
    r.raise_for_status()
    payload = r.json()
    return payload["completion"], payload["stop_reason"]


PROVIDERS = {"bedrock": ask_bedrock, "anthropic": ask_api}

for name, ask in PROVIDERS.items():
    text, reason = ask("What causes the seasons on Earth?")
    print(f"[{name}] {reason}: {text.strip()}")
    text, reason = ask("List every country in Europe.", max_tokens=6)
    print(f"[{name}] {reason}: {len(text) > 0}")
