import json
import os

import requests

URL = f"{os.environ['ANTHROPIC_BASE_URL']}/v1/complete"


def call_claude(prompt, model="claude-2", max_tokens=200, temperature=None, top_p=None, stop=None):
    params = {
        "model": model,
        "prompt": prompt,
        "max_tokens_to_sample": max_tokens,
        "temperature": temperature,
        "top_p": top_p,
        "stop_sequences": stop,
    }
    body = {k: v for k, v in params.items() if v is not None}
    headers = {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
    }
    resp = requests.post(URL, headers=headers, data=json.dumps(body))
    resp.raise_for_status()
    out = resp.json()
    return out["completion"], out["stop_reason"]


SYSTEM = "You answer with a single word."
for q in ("Opposite of hot?", "Color of the sky?"):
    text, reason = call_claude(f"{SYSTEM}\n\nHuman: {q}\n\nAssistant:", temperature=0.0)
    print(repr(text.strip()), reason)
print(call_claude("\n\nHuman: Please stop after counting.\n\nAssistant:", stop=["STOP"], max_tokens=50))
