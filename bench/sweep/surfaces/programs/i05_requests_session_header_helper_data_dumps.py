import json
import os

import requests

API_BASE = os.environ["ANTHROPIC_BASE_URL"]
COMPLETE_URL = f"{API_BASE}/v1/complete"
session = requests.Session()


def make_headers(api_key, version="2023-06-01"):
    return {
        "x-api-key": api_key,
        "anthropic-version": version,
        "content-type": "application/json",
        "accept": "application/json",
    }


def complete(prompt, max_tokens=100, **extra):
    body = {"model": "claude-2.0", "prompt": prompt, "max_tokens_to_sample": max_tokens}
    body.update(extra)
    resp = session.post(
        COMPLETE_URL,
        headers=make_headers(os.environ["ANTHROPIC_API_KEY"]),
        data=json.dumps(body),
        timeout=30,
    )
    resp.raise_for_status()
    data = resp.json()
    if data["stop_reason"] == "max_tokens":
        return data["completion"].strip() + "..."
    return data["completion"].strip()


print(complete("\n\nHuman: Name two planets.\n\nAssistant:"))
print(complete("\n\nHuman: Describe Saturn in detail.\n\nAssistant:", max_tokens=5, temperature=0.3))
