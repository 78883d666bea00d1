import json
import os

import requests

URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-01-01"}


def stream(question, max_tokens=40):
    body = {
        "model": "claude-v1",
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stream": True,
    }
    latest = ""
    with requests.post(URL, headers=HEADERS, json=body, stream=True) as resp:
        for line in resp.iter_lines():
            if not line or not line.startswith(b"data:"):
                continue
            data = line[len(b"data:"):].strip()
            if data == b"[DONE]":
                break
            event = json.loads(data)
            if "completion" in event:
                new_text = event["completion"][len(latest):]
                print(new_text, end="", flush=True)
                latest = event["completion"]
    print()
    return latest


final = stream("Describe a thunderstorm.")
print(len(final))
