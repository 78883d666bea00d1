import os
from functools import partial

import requests

HUMAN = "\n\nHuman:"
AI = "\n\nAssistant:"
MODEL = "claude-2"
API_URL = os.getenv("CLAUDE_API_URL", os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete")


def make_body(prompt, model, max_tokens=150, temperature=0.7):
    return {
        "model": model,
        "prompt": prompt,
        "max_tokens_to_sample": max_tokens,
        "temperature": temperature,
        "stop_sequences": [HUMAN],
    }


claude_body = partial(make_body, model=MODEL)


def headers():
    return {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def ask_claude(question, **kw):
    prompt = f"{HUMAN} {question}{AI}"
    resp = requests.post(API_URL, headers=headers(), json=claude_body(prompt, **kw), timeout=60)
    payload = resp.json()
    if resp.status_code != 200:
        raise RuntimeError(payload.get("error", {}).get("message", resp.text))
    answer = payload.get("completion") or ""
    if payload.get("stop_reason") == "max_tokens":
        answer += "..."
    return answer.strip()


# KEEP-BEGIN
def openai_request(question, max_tokens=150):
    return {
        "url": "https://api.openai.com/v1/completions",
        "json": {"model": "gpt-3.5-turbo-instruct", "prompt": question, "max_tokens": max_tokens},
    }
# KEEP-END


print(ask_claude("What is the capital of Peru?"))
print(ask_claude("Write a long poem about the sea.", max_tokens=6))
print(sorted(openai_request("hi")["json"]))
