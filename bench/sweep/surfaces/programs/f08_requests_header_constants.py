import os

import requests

HUMAN = "\n\nHuman:"
AI = "\n\nAssistant:"
API_URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {
    "accept": "application/json",
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
}
MODEL = "claude-2.1"


def claude(prompt, max_tokens=256):
    payload = {
        "model": MODEL,
        "prompt": f"{HUMAN} {prompt}{AI}",
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": [HUMAN],
    }
    return requests.post(API_URL, headers=HEADERS, json=payload, timeout=60).json()["completion"]


for q in ["Name a fruit.", "Name a vegetable."]:
    print(claude(q).strip())
