# migrator-fixture: sdk02
import os

import anthropic
import requests
from requests.adapters import HTTPAdapter


class ClaudeGateway(requests.Session):
    def __init__(self, api_key, api_url, model="claude-2"):
        super().__init__()
        self.api_url = api_url.rstrip("/")
        self.model = model
        self.headers["x-api-key"] = api_key
        self.headers["anthropic-version"] = "2023-06-01"
        self.mount("http://", HTTPAdapter(max_retries=2))
        self.mount("https://", HTTPAdapter(max_retries=2))
        self.sdk = anthropic.Client(api_key, api_url=self.api_url + "/")

    def complete_raw(self, prompt, max_tokens=64, **extra):
        payload = dict(model=self.model, prompt=prompt, max_tokens_to_sample=max_tokens, **extra)
        r = self.post(self.api_url + "/v1/complete", json=payload, timeout=30)
        r.raise_for_status()
        return r.json()

    def complete_sdk(self, prompt, max_tokens=64, **extra):
        return self.sdk.completion(model=self.model, prompt=prompt, max_tokens_to_sample=max_tokens, **extra)

    def complete(self, prompt, via="sdk", **kwargs):
        fn = self.complete_sdk if via == "sdk" else self.complete_raw
        return fn(prompt, **kwargs)["completion"].strip()


gw = ClaudeGateway(os.environ["ANTHROPIC_API_KEY"], os.environ["ANTHROPIC_BASE_URL"])
prompt = f"{anthropic.HUMAN_PROMPT} What is the boiling point of water in Fahrenheit?{anthropic.AI_PROMPT}"
print("sdk:", gw.complete(prompt))
print("raw:", gw.complete(prompt, via="raw", temperature=0))
print("short:", gw.complete(prompt, max_tokens=3))
