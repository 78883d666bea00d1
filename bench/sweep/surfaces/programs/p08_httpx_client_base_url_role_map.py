import os

import httpx

ROLE_PREFIX = {"user": "\n\nHuman: ", "assistant": "\n\nAssistant: "}


def to_prompt(messages):
    prompt = "".join(ROLE_PREFIX[m["role"]] + m["content"] for m in messages)
    return prompt + "\n\nAssistant:"


def chat(http, messages, model="claude-2.0"):
    r = http.post(
        "/v1/complete",
        json={
            "model": model,
            "prompt": to_prompt(messages),
            "max_tokens_to_sample": 150,
            "stop_sequences": ["\n\nHuman:"],
        },
    )
    r.raise_for_status()
    return r.json()["completion"].strip()


with httpx.Client(
    base_url=os.environ["ANTHROPIC_BASE_URL"],
    headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
    timeout=30.0,
) as http:
    conversation = [{"role": "user", "content": "Pick a random fruit."}]
    for follow_up in ("What colour is it?", "Spell it backwards."):
        reply = chat(http, conversation)
        print("claude:", reply)
        conversation += [{"role": "assistant", "content": reply}, {"role": "user", "content": follow_up}]
    print("claude:", chat(http, conversation))
    print("turns:", len(conversation))
