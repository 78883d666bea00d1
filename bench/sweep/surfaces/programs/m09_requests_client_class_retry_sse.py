import json
import os
import time

import requests


class ClaudeHTTPClient:
    RETRY_STATUSES = (429, 500, 502, 529)

    def __init__(self, api_key, base_url, model="claude-2", max_retries=3):
        self.url = base_url.rstrip("/") + "/v1/complete"
        self.model = model
        self.max_retries = max_retries
        self.session = requests.Session()
        self.session.headers.update({"x-api-key": api_key, "anthropic-version": "2023-06-01"})

    def _post(self, payload, stream=False):
        for attempt in range(self.max_retries):
            try:
                resp = self.session.post(self.url, json=payload, stream=stream, timeout=30)
            except requests.ConnectionError:
                time.sleep(0.01 * 2**attempt)
                continue
            if resp.status_code in self.RETRY_STATUSES:
                time.sleep(0.01 * 2**attempt)
                continue
            resp.raise_for_status()
            return resp
        raise RuntimeError("Claude API unavailable")

    def complete(self, question, max_tokens=80):
        payload = {
            "model": self.model,
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
        }
        return self._post(payload).json()["completion"].strip()

    def stream(self, question, max_tokens=80):
        payload = {
            "model": self.model,
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "stream": True,
        }
        event_type = None
        for line in self._post(payload, stream=True).iter_lines(decode_unicode=True):
            if line.startswith("event:"):
                event_type = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event_type == "completion":
                yield json.loads(line[5:])["completion"]


api = ClaudeHTTPClient(os.environ["ANTHROPIC_API_KEY"], os.environ["ANTHROPIC_BASE_URL"])
print(api.complete("What is a mutex?"))
print("".join(api.stream("Explain recursion in one sentence.", max_tokens=40)).strip())
