# migrator-fixture: sdk02
import os

import anthropic
import requests

BASE = os.environ["ANTHROPIC_BASE_URL"].rstrip("/")
KEY = os.environ["ANTHROPIC_API_KEY"]
client = anthropic.Client(KEY)


def via_sdk(question):
    resp = client.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=50,
    )
    return resp["completion"]


def via_http(question):
    r = requests.post(
        f"{BASE}/v1/complete",
        headers={"x-api-key": KEY, "anthropic-version": "2023-06-01"},
        json={
            "model": "claude-2",
            "prompt": f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            "max_tokens_to_sample": 50,
        },
        timeout=30,
    )
    r.raise_for_status()
    return r.json()["completion"]


def ask(question):
    try:
        return "sdk", via_sdk(question)
    except anthropic.ApiException:
        return "http", via_http(question)


print(ask("What is a haiku?"))
print("http", via_http("What is a sonnet?").strip())
