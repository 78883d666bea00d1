import os

import requests

DEFAULTS = {"model": "claude-2", "max_tokens_to_sample": 60, "temperature": 0.3}


def _headers():
    return {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def _url(path):
    return os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + path


# KEEP-BEGIN
def openai_chat(prompt):
    r = requests.post(
        "https://api.openai.com/v1/chat/completions",
        headers={"Authorization": f"Bearer {os.environ.get('OPENAI_API_KEY', '')}"},
        json={"model": "gpt-4", "messages": [{"role": "user", "content": prompt}], "max_tokens": 60},
    )
    return r.json()["choices"][0]["message"]["content"]
# KEEP-END


def claude(prompt, **overrides):
    payload = {**DEFAULTS, **overrides, "prompt": f"\n\nHuman: {prompt}\n\nAssistant:"}
    resp = requests.post(_url("/v1/complete"), headers=_headers(), json=payload, timeout=30)
    resp.raise_for_status()
    return resp.json()["completion"].strip()


PROVIDERS = {"claude": claude}
for name, fn in PROVIDERS.items():
    answer = fn("Give me a tip for learning Python.")
    print(name, len(answer), answer)
print(claude("Say yes or no.", max_tokens_to_sample=2))
