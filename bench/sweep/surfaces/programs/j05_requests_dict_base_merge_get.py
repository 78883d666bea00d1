import os

import requests

ENDPOINT = os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/v1/complete"
HEADERS = {
    "X-API-Key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
}
BASE = {"model": "claude-instant-1", "max_tokens_to_sample": 64, "stop_sequences": ["\n\nHuman:"]}


def complete(question, **overrides):
    body = dict(BASE, prompt=f"\n\nHuman: {question}\n\nAssistant:", **overrides)
    r = requests.post(ENDPOINT, headers=HEADERS, json=body, timeout=30)
    if not r.ok:
        return f"HTTP {r.status_code}"
    return r.json().get("completion", "").strip()


print(complete("Name a mammal that lays eggs."))
print(complete("Explain photosynthesis.", max_tokens_to_sample=6))
print(complete("Name a bird.", temperature=0.2))
