import os
from collections import namedtuple

import requests

Completion = namedtuple("Completion", ["text", "stop_reason", "stop"])
DEFAULTS = {"model": "claude-instant-1.2", "max_tokens_to_sample": 150, "temperature": 0.0}


def parse_response(resp):
    resp.raise_for_status()
    data = resp.json()
    return Completion(data["completion"].strip(), data["stop_reason"], data.get("stop"))


class ClaudeHTTP:
    def __init__(self, base_url, api_key):
        self.url = f"{base_url.rstrip('/')}/v1/complete"
        self.session = requests.Session()
        self.session.headers.update(
            {"x-api-key": api_key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
        )

    def _body(self, prompt, **overrides):
        body = {**DEFAULTS, **overrides}
        body["prompt"] = prompt
        return body

    def complete(self, question, **overrides):
        prompt = f"\n\nHuman: {question}\n\nAssistant:"
        return parse_response(self.session.post(self.url, json=self._body(prompt, **overrides), timeout=30))


api = ClaudeHTTP(os.environ["ANTHROPIC_BASE_URL"], os.environ["ANTHROPIC_API_KEY"])
for question, overrides in (
    ("What is a sonnet?", {}),
    ("Count words, then stop.", {"stop_sequences": ["STOP"]}),
    ("Explain meter at length.", {"max_tokens_to_sample": 5}),
):
    c = api.complete(question, **overrides)
    print(c.stop_reason, repr(c.stop), c.text)
