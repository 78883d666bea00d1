import json
import os

import requests

API = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
}
SYSTEM = "You are a counting assistant."


def stream_until_done(question, max_tokens=60):
    body = {
        "model": "claude-2.1",
        "prompt": f"{SYSTEM}\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": ["\n\nHuman:", "STOP"],
        "stream": True,
    }
    resp = requests.post(API, headers=HEADERS, json=body, stream=True, timeout=30)
    text = ""
    for line in resp.iter_lines(decode_unicode=True):
        if not line.startswith("data: "):
            continue
        data = json.loads(line[6:])
        if data.get("type") != "completion":
            continue
        text += data["completion"]
        if data["stop_reason"] is not None:
            resp.close()
            return text, data["stop_reason"], data.get("stop")
    return text, None, None


for q, n in (("Count to five, then stop.", 60), ("Tell me about rivers.", 60), ("Describe mountains at length.", 4)):
    text, reason, stop = stream_until_done(q, n)
    print(reason, repr(stop), text.strip())
