import os

import requests

API = os.environ["ANTHROPIC_BASE_URL"]
session = requests.Session()
session.headers.update({"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"})


def complete(question):
    r = session.post(
        f"{API}/v1/complete",
        json={
            "model": "claude-instant-1",
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": 100,
            "stop_sequences": ["\n\nHuman:"],
        },
        timeout=30,
    )
    r.raise_for_status()
    body = r.json()
    return body["completion"], body["stop_reason"]


print(complete("What's a noun?"))
