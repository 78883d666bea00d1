# migrator-fixture: sdk02
import os

import anthropic

DEFAULTS = {
    "model": "claude-v1.3",
    "max_tokens_to_sample": 60,
    "temperature": 0.3,
    "stop_sequences": [anthropic.HUMAN_PROMPT],
}
ROLE_TAGS = {"user": anthropic.HUMAN_PROMPT, "assistant": anthropic.AI_PROMPT}

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def render(messages):
    text = "".join(f"{ROLE_TAGS[m['role']]} {m['content']}" for m in messages)
    return text + anthropic.AI_PROMPT


def chat(messages, **overrides):
    params = {**DEFAULTS, **overrides}
    response = client.completion(prompt=render(messages), **params)
    return response["completion"].strip()


history = [{"role": "user", "content": "You are a chef. Suggest a soup for winter."}]
for follow_up in ("Which spices go in it?", "How long does it cook?"):
    reply = chat(history)
    print(len(reply.split()), "|", reply)
    history += [{"role": "assistant", "content": reply}, {"role": "user", "content": follow_up}]
reply = chat(history, max_tokens_to_sample=5, temperature=0.0)
print(len(reply.split()), "|", reply)
print(len(history), sum(m["role"] == "assistant" for m in history))
