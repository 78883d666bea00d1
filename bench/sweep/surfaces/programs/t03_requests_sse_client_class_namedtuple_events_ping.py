import json
import os
import sys
from collections import namedtuple

import requests

Event = namedtuple("Event", "event data")
COMPLETE_URL = "{}/v1/complete".format(os.environ["ANTHROPIC_BASE_URL"])


class SSEClient:
    """Minimal server-sent-events reader over a streamed requests response."""

    def __init__(self, response):
        self.response = response

    def __iter__(self):
        name, data = "message", []
        for line in self.response.iter_lines(decode_unicode=True):
            if not line:
                if data:
                    yield Event(name, "\n".join(data))
                name, data = "message", []
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
        if data:
            yield Event(name, "\n".join(data))


def ask(question, max_tokens=60):
    resp = requests.post(
        COMPLETE_URL,
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        json={
            "model": "claude-2.1",
            "prompt": "\n\nHuman: " + question + "\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "stop_sequences": ["\n\nHuman:"],
            "stream": True,
        },
        stream=True,
    )
    seen = 0
    for ev in SSEClient(resp):
        if ev.event == "ping":
            continue
        if ev.event == "error":
            raise RuntimeError(json.loads(ev.data)["error"]["message"])
        if ev.event == "completion":
            payload = json.loads(ev.data)
            sys.stdout.write(payload["completion"])
            seen += 1
            if payload["stop_reason"]:
                sys.stdout.write(f"\n<{payload['stop_reason']}>\n")
    return seen


n = ask("Why is the sky blue?")
print("events>1:", n > 1)
ask("List every prime below one hundred.", max_tokens=6)
