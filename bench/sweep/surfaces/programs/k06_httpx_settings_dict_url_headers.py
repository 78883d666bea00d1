import os

import httpx

API = {
    "url": os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/v1/complete",
    "headers": {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    },
    "model": "claude-instant-1.2",
}


def payload(text, **extra):
    body = {"model": API["model"], "max_tokens_to_sample": 50}
    body.update(extra)
    body["prompt"] = "\n\nHuman: Classify the sentiment (positive/negative): " + text + "\n\nAssistant:"
    return body


def extract(data):
    text = data["completion"].strip().lower()
    return text, data.get("stop_reason")


with httpx.Client(timeout=30) as http:
    for review in ["I loved it!", "Terrible service."]:
        r = http.post(API["url"], headers=API["headers"], json=payload(review, temperature=0))
        r.raise_for_status()
        label, why = extract(r.json())
        print(review, "->", label, why)
