import json
import os

import requests

API_URL = os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/v1/complete"
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
}


def summarize(text, max_tokens=80):
    payload = dict(
        model="claude-instant-1.2",
        prompt="\n\nHuman: Summarize in one sentence:\n" + text + "\n\nAssistant:",
        max_tokens_to_sample=max_tokens,
        temperature=0,
    )
    r = requests.request("POST", API_URL, headers=HEADERS, data=json.dumps(payload), timeout=60)
    if r.status_code != 200:
        raise RuntimeError(f"HTTP {r.status_code}: {r.text}")
    result = json.loads(r.text)
    return result["completion"].strip(), result["stop_reason"]


docs = [
    "Bees communicate the location of flowers through a waggle dance.",
    "The Rhine flows through six countries before reaching the North Sea.",
]
for d in docs:
    summary, why = summarize(d)
    print(why, "::", summary)
