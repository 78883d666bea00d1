import os

import requests

ANTHROPIC_URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"


class ClaudeHTTP:
    def __init__(self, api_key):
        self.headers = {"x-api-key": api_key, "anthropic-version": "2023-06-01", "content-type": "application/json"}

    def generate(self, text, temperature=0.7):
        body = {
            "prompt": f"\n\nHuman: {text}\n\nAssistant:",
            "model": "claude-2",
            "max_tokens_to_sample": 120,
            "temperature": temperature,
        }
        res = requests.post(ANTHROPIC_URL, headers=self.headers, json=body)
        res.raise_for_status()
        return res.json()["completion"].strip()


print(ClaudeHTTP(os.environ["ANTHROPIC_API_KEY"]).generate("Name a mammal."))
