import os
from dataclasses import dataclass, field

import requests


@dataclass
class Settings:
    base_url: str = field(default_factory=lambda: os.environ["ANTHROPIC_BASE_URL"])
    api_key: str = field(default_factory=lambda: os.environ["ANTHROPIC_API_KEY"])
    model: str = "claude-v1.3"
    max_tokens: int = 200

    @property
    def complete_url(self):
        return f"{self.base_url}/v1/complete"

    def headers(self):
        return {"X-API-Key": self.api_key, "Anthropic-Version": "2023-06-01", "Content-Type": "application/json"}

    def body(self, prompt, **extra):
        return {"model": self.model, "prompt": prompt, "max_tokens_to_sample": self.max_tokens, **extra}


@dataclass
class Completion:
    text: str
    reason: str


def run(settings, question):
    r = requests.post(
        settings.complete_url,
        headers=settings.headers(),
        json=settings.body(f"\n\nHuman: {question}\n\nAssistant:", stop_sequences=["\n\nHuman:"]),
        timeout=30,
    )
    r.raise_for_status()
    data = r.json()
    return Completion(text=data["completion"].strip(), reason=data["stop_reason"])


cfg = Settings()
for q in ("Name a primary colour.", "What does DNA stand for?"):
    c = run(cfg, q)
    print(c.reason, "-", c.text)
small = Settings(max_tokens=3)
print(run(small, "Explain photosynthesis.").reason)
