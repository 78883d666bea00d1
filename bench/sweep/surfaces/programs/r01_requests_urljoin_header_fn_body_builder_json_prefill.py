import json
import os
from urllib.parse import urljoin

import requests

API_BASE = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com").rstrip("/") + "/"
COMPLETE_URL = urljoin(API_BASE, "v1/complete")


def anthropic_headers(api_key, version="2023-06-01"):
    return {
        "x-api-key": api_key,
        "anthropic-version": version,
        "content-type": "application/json",
        "accept": "application/json",
    }


def build_body(prompt, model="claude-2", max_tokens=200, **extra):
    body = {"model": model, "prompt": prompt, "max_tokens_to_sample": max_tokens}
    body.update(extra)
    return body


def extract_json(subject, fields):
    prompt = (
        "\n\nHuman: Describe "
        + subject
        + " as a JSON object with the keys "
        + ", ".join(fields)
        + ".\n\nAssistant: {"
    )
    r = requests.post(
        COMPLETE_URL,
        headers=anthropic_headers(os.environ["ANTHROPIC_API_KEY"]),
        data=json.dumps(build_body(prompt, temperature=0.0, stop_sequences=["\n\nHuman:"])),
        timeout=30,
    )
    r.raise_for_status()
    raw = "{" + r.json()["completion"]
    return json.loads(raw)


for subject in ("the planet Mars", "the element neon"):
    obj = extract_json(subject, ["name", "category"])
    print(sorted(obj), str(obj.get("answer", ""))[:40])
