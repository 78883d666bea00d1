import json
import os

import httpx


def check(response):
    if response.status_code >= 400:
        response.read()
        raise RuntimeError(f"{response.status_code}: {response.text}")


client = httpx.Client(
    base_url=os.environ["ANTHROPIC_BASE_URL"],
    headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-01-01"},
    event_hooks={"response": [check]},
    timeout=30,
)


def complete_streamed(question):
    final = ""
    body = {"model": "claude-v1", "prompt": f"\n\nHuman: {question}\n\nAssistant:", "max_tokens_to_sample": 35, "stream": True}
    with client.stream("POST", "/v1/complete", json=body) as response:
        for line in response.iter_lines():
            if not line.startswith("data:"):
                continue
            raw = line[5:].strip()
            if raw == "[DONE]":
                break
            final = json.loads(raw).get("completion", final)
    return final


for q in ("Describe snow.", "Describe sand."):
    answer = complete_streamed(q)
    print(len(answer), answer.strip())
client.close()
