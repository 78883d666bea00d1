import json
import os
from urllib.parse import urljoin

import requests


class AnthropicSession(requests.Session):
    """A session that resolves relative paths against the API base URL."""

    def __init__(self, base_url, api_key):
        super().__init__()
        self.base_url = base_url.rstrip("/") + "/"
        self.headers.update(
            {"x-api-key": api_key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
        )

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        return super().request(method, urljoin(self.base_url, url), *args, **kwargs)


session = AnthropicSession(os.environ["ANTHROPIC_BASE_URL"], os.environ["ANTHROPIC_API_KEY"])


def complete(prompt, max_tokens=100):
    r = session.post("v1/complete", json={"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens})
    r.raise_for_status()
    return r.json()


def stream(prompt, max_tokens=100):
    body = {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True}
    with session.post("v1/complete", json=body, stream=True) as r:
        r.raise_for_status()
        event = None
        for raw in r.iter_lines(decode_unicode=True):
            if raw.startswith("event:"):
                event = raw[len("event:"):].strip()
            elif raw.startswith("data:") and event == "completion":
                data = json.loads(raw[len("data:"):])
                yield data["completion"], data.get("stop_reason")


prompt = "\n\nHuman: Give me three tips for better sleep.\n\nAssistant:"
result = complete(prompt)
print(result["completion"].strip())
print("reason:", result["stop_reason"])
pieces, reason = [], None
for text, stop in stream("\n\nHuman: Describe a sunrise in one sentence.\n\nAssistant:", max_tokens=12):
    pieces.append(text)
    reason = stop or reason
print("".join(pieces).strip())
print("stream reason:", reason)
