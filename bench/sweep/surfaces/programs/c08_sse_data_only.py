import json
import os

import requests


def stream(question):
    r = requests.post(
        f"{os.environ['ANTHROPIC_BASE_URL']}/v1/complete",
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01", "accept": "text/event-stream"},
        json={"model": "claude-instant-1.2", "prompt": f"\n\nHuman: {question}\n\nAssistant:", "max_tokens_to_sample": 40, "stream": True},
        stream=True,
    )
    text = ""
    for raw in r.iter_lines():
        if raw.startswith(b"data: "):
            payload = json.loads(raw[6:])
            if payload.get("type") == "completion":
                text += payload["completion"]
    return text


print(stream("Describe a cloud."))
