import json
import os
import sys

import requests

API_KEY = os.environ["ANTHROPIC_API_KEY"]
BASE_URL = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com")


def stream_tokens(question, max_tokens=60):
    headers = {
        "x-api-key": API_KEY,
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
        "accept": "text/event-stream",
    }
    payload = {
        "model": "claude-instant-1",
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stream": True,
    }
    with requests.post(f"{BASE_URL}/v1/complete", headers=headers, json=payload, stream=True, timeout=60) as r:
        r.raise_for_status()
        for raw in r.iter_lines():
            if not raw or not raw.startswith(b"data: "):
                continue
            event = json.loads(raw[len(b"data: ") :])
            if event.get("type") == "completion":
                yield event["completion"], event.get("stop_reason")
            elif event.get("type") == "error":
                raise RuntimeError(event["error"]["message"])


for question, limit in (("Why is the sky blue?", 60), ("Write a long poem about rain.", 5)):
    received = ""
    reason = None
    for token, stop_reason in stream_tokens(question, limit):
        sys.stdout.write(token)
        sys.stdout.flush()
        received += token
        reason = stop_reason or reason
    print()
    print(f"[{len(received)} chars{', truncated' if reason == 'max_tokens' else ''}]")
