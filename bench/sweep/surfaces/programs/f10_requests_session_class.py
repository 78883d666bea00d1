import os

import requests


class AnthropicHTTP:
    def __init__(self, api_key, base_url):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update(
            {"x-api-key": api_key, "anthropic-version": "2023-06-01", "content-type": "application/json"}
        )

    def complete(self, prompt, **params):
        payload = {"model": "claude-instant-1.2", "max_tokens_to_sample": 100}
        payload.update(params)
        payload["prompt"] = prompt
        response = self.session.post(f"{self.base_url}/v1/complete", json=payload, timeout=30)
        response.raise_for_status()
        data = response.json()
        return data.get("completion", "")

    def close(self):
        self.session.close()


api = AnthropicHTTP(os.environ["ANTHROPIC_API_KEY"], os.environ["ANTHROPIC_BASE_URL"])
print(api.complete("\n\nHuman: Name a shape.\n\nAssistant:"))
print(api.complete("\n\nHuman: Name a colour.\n\nAssistant:", max_tokens_to_sample=3, temperature=0))
api.close()
