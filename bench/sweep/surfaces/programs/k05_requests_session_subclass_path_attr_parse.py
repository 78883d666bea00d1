import os

import requests


class ClaudeSession(requests.Session):
    PATH = "/v1/complete"

    def __init__(self, base_url, api_key):
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.headers.update({"x-api-key": api_key, "anthropic-version": "2023-06-01"})

    def complete(self, body):
        resp = self.post(self.base_url + self.PATH, json=body, timeout=30)
        resp.raise_for_status()
        return resp


def make_body(question, tokens=60):
    return {
        "model": "claude-2.1",
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": tokens,
    }


def parse(resp):
    return resp.json()["completion"]


s = ClaudeSession(os.environ["ANTHROPIC_BASE_URL"], os.environ["ANTHROPIC_API_KEY"])
print(parse(s.complete(make_body("Name a river in Africa."))).strip())
r = s.complete(make_body("Tell me a long story.", tokens=5))
print(r.json()["stop_reason"], len(parse(r)) > 0)
