import json
import os

import requests

SESSION = requests.Session()
SESSION.headers.update({"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"})
BASE = os.environ["ANTHROPIC_BASE_URL"]


def sse_pairs(lines):
    event = None
    for line in lines:
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            yield event, line[6:]


def open_stream(prompt, max_tokens):
    body = {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True}
    resp = SESSION.post(BASE + "/v1/complete", json=body, stream=True, timeout=30)
    resp.raise_for_status()
    return resp.iter_lines(decode_unicode=True)


def completion_text(prompt, max_tokens=60):
    events = sse_pairs(open_stream(prompt, max_tokens))
    return "".join(json.loads(data)["completion"] for name, data in events if name == "completion")


question = "What are the three states of matter?"
print(completion_text(f"\n\nHuman: {question}\n\nAssistant:").strip())
print(repr(completion_text("\n\nHuman: Recite the alphabet.\n\nAssistant:", max_tokens=3).strip()))
