import os
import time

import requests

RETRYABLE = {429, 500, 502, 503, 529}
REASONS = {"stop_sequence": "finished", "max_tokens": "truncated"}


class ClaudeHTTP:
    def __init__(self, api_key, base_url=None, model="claude-instant-1.2"):
        self.base_url = (base_url or "https://api.anthropic.com").rstrip("/")
        self.model = model
        self.session = requests.Session()
        self.session.headers.update({"x-api-key": api_key, "anthropic-version": "2023-06-01"})
        self.calls = 0

    def ask(self, question, max_tokens=40, attempts=4):
        for attempt in range(attempts):
            self.calls += 1
            resp = self.session.post(
                f"{self.base_url}/v1/complete",
                json={
                    "model": self.model,
                    "prompt": "\n\nHuman: " + question + "\n\nAssistant:",
                    "max_tokens_to_sample": max_tokens,
                    "stop_sequences": ["\n\nHuman:"],
                },
                timeout=20,
            )
            if resp.status_code in RETRYABLE:
                time.sleep(0.01 * 2**attempt)
                continue
            resp.raise_for_status()
            data = resp.json()
            return data.get("completion", "").strip(), REASONS.get(data.get("stop_reason"), "other")
        raise RuntimeError("gave up after %d attempts" % attempts)


# KEEP-BEGIN
cache = {}


def remember(key, completion):
    cache[key] = {"completion": completion, "source": "local"}
    return cache[key]["completion"]
# KEEP-END


claude = ClaudeHTTP(os.environ["ANTHROPIC_API_KEY"], os.environ["ANTHROPIC_BASE_URL"])
for q, n in (("Name a fruit.", 40), ("Explain gravity in detail.", 3)):
    text, label = claude.ask(q, n)
    print(label, "|", remember(q, text))
print("calls:", claude.calls, "cached:", sorted(cache))
