import json
import os

import requests

URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"


def iter_sse(response):
    event, data_lines = None, []
    for raw in response.iter_lines(decode_unicode=True):
        if raw == "":
            if data_lines:
                yield event, "\n".join(data_lines)
            event, data_lines = None, []
        elif raw.startswith("event:"):
            event = raw[len("event:"):].strip()
        elif raw.startswith("data:"):
            data_lines.append(raw[len("data:"):].lstrip())
    if data_lines:
        yield event, "\n".join(data_lines)


def stream_complete(question):
    with requests.post(
        URL,
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        json={
            "model": "claude-2",
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": 50,
            "stream": True,
        },
        stream=True,
    ) as resp:
        resp.raise_for_status()
        text = ""
        for event, data in iter_sse(resp):
            if event == "completion":
                payload = json.loads(data)
                text += payload["completion"]
            elif event == "ping":
                continue
            elif event == "error":
                raise RuntimeError(data)
        return text


print(stream_complete("Describe a forest."))
