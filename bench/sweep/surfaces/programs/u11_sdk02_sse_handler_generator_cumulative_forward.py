# migrator-fixture: sdk02
"""A streaming endpoint: Claude's stream forwarded to the browser as server-sent events."""
import json
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def stream_chat(body):
    prompt = "".join(
        f"{anthropic.HUMAN_PROMPT if m['role'] == 'user' else anthropic.AI_PROMPT} {m['content']}"
        for m in body["messages"]
    ) + anthropic.AI_PROMPT

    def events():
        for data in client.completion_stream(
            prompt=prompt,
            model=body.get("model", "claude-instant-1"),
            max_tokens_to_sample=body.get("max_tokens", 80),
            stop_sequences=[anthropic.HUMAN_PROMPT],
        ):
            # the browser replaces the bubble's text with each event
            yield "data: " + json.dumps({"text": data["completion"], "done": data["stop_reason"] is not None}) + "\n\n"
        yield "data: [DONE]\n\n"

    return events()


def browser(stream):
    """What the page shows: the text of the last event, once done."""
    shown, done, n = "", False, 0
    for chunk in stream:
        payload = chunk[len("data: "):].strip()
        if payload == "[DONE]":
            break
        event = json.loads(payload)
        shown, done, n = event["text"], event["done"], n + 1
    return shown.strip(), done, n > 1


print(browser(stream_chat({"messages": [{"role": "user", "content": "Hi! Who are you?"}]})))
print(browser(stream_chat({
    "messages": [
        {"role": "user", "content": "Name a colour."},
        {"role": "assistant", "content": "Blue."},
        {"role": "user", "content": "Describe it in great detail."},
    ],
    "max_tokens": 5,
})))
