import json
import os
import urllib.request

CONFIG = {"base_url": os.environ["ANTHROPIC_BASE_URL"], "model": "claude-2.1", "max_tokens": 120}
SYSTEM = "You are a terse assistant that answers in one line."


def call_claude(question, history=()):
    prompt = SYSTEM
    for user, assistant in history:
        prompt += f"\n\nHuman: {user}\n\nAssistant: {assistant}"
    prompt += f"\n\nHuman: {question}\n\nAssistant:"
    body = {
        "model": CONFIG["model"],
        "prompt": prompt,
        "max_tokens_to_sample": CONFIG["max_tokens"],
        "stop_sequences": ["\n\nHuman:"],
    }
    req = urllib.request.Request(
        CONFIG["base_url"] + "/v1/complete",
        data=json.dumps(body).encode("utf-8"),
        headers={
            "x-api-key": os.environ["ANTHROPIC_API_KEY"],
            "anthropic-version": "2023-06-01",
            "content-type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read().decode("utf-8"))["completion"].strip()


history = []
for q in ("What is two plus two?", "And times three?", "Write it as a word."):
    a = call_claude(q, history)
    history.append((q, a))
    print(q, "=>", a)
