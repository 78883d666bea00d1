import os
import time

import requests

EXAMPLES = [("great movie!", "positive"), ("terrible plot", "negative")]
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def build_prompt(text):
    prompt = "\n\nHuman: Classify the sentiment of each review."
    for review, label in EXAMPLES:
        prompt += f"\n\nHuman: {review}\n\nAssistant: {label}"
    return prompt + f"\n\nHuman: {text}\n\nAssistant:"


def classify(text, max_attempts=4):
    payload = {
        "model": "claude-instant-1.2",
        "prompt": build_prompt(text),
        "max_tokens_to_sample": 5,
        "top_k": 5,
        "stop_sequences": ["\n\nHuman:", "\n"],
    }
    attempt = 0
    while True:
        attempt += 1
        resp = requests.post(os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete", headers=HEADERS, json=payload)
        if resp.ok:
            return resp.json().get("completion", "").strip()
        if attempt >= max_attempts or resp.status_code not in (429, 529):
            resp.raise_for_status()
        time.sleep(0.01 * attempt)


for review in ["loved every minute", "boring and long"]:
    print(review, "->", classify(review))
