import json
import os

import requests

ROOT = os.environ["ANTHROPIC_BASE_URL"].rstrip("/")
ENDPOINTS = {"complete": "/v1/complete", "models": "/v1/models"}
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def iter_events(resp):
    event = None
    for raw in resp.iter_lines(decode_unicode=True):
        if not raw:
            continue
        if raw.startswith("event:"):
            event = raw.split(":", 1)[1].strip()
        elif raw.startswith("data:"):
            yield event, json.loads(raw.split(":", 1)[1])


def stream(question):
    body = {
        "model": "claude-2",
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": 60,
        "stream": True,
    }
    resp = requests.post(ROOT + ENDPOINTS["complete"], headers=HEADERS, json=body, stream=True, timeout=30)
    parts, stop = [], None
    for event, data in iter_events(resp):
        if event == "completion":
            parts.append(data["completion"])
            stop = data.get("stop_reason") or stop
        elif event == "error":
            raise RuntimeError(data)
    return "".join(parts), stop


text, stop = stream("Give me two tips for sleeping well.")
print(text.strip())
print(stop)
