# migrator-fixture: sdk02
import os
import time
from urllib.parse import urljoin

import anthropic
import requests


class Settings:
    ANTHROPIC_API_KEY = os.environ["ANTHROPIC_API_KEY"]
    ANTHROPIC_API_URL = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com").rstrip("/") + "/"
    CLAUDE_MODEL = "claude-v1.3"
    MAX_TOKENS = 120
    RETRIES = 3


settings = Settings()
client = anthropic.Client(settings.ANTHROPIC_API_KEY, api_url=settings.ANTHROPIC_API_URL)


def complete(prompt, max_tokens=settings.MAX_TOKENS):
    last_error = None
    for attempt in range(settings.RETRIES):
        try:
            response = client.completion(
                prompt=prompt,
                model=settings.CLAUDE_MODEL,
                max_tokens_to_sample=max_tokens,
                stop_sequences=[anthropic.HUMAN_PROMPT],
            )
            return response["completion"].strip()
        except anthropic.ApiException as exc:
            last_error = exc
            time.sleep(0.05 * (attempt + 1))
    raise RuntimeError(f"Claude failed after {settings.RETRIES} attempts: {last_error}")


def complete_http(prompt, max_tokens=settings.MAX_TOKENS):
    url = urljoin(settings.ANTHROPIC_API_URL, "v1/complete")
    resp = requests.post(
        url,
        headers={"x-api-key": settings.ANTHROPIC_API_KEY, "anthropic-version": "2023-06-01"},
        json={"prompt": prompt, "model": settings.CLAUDE_MODEL, "max_tokens_to_sample": max_tokens},
        timeout=60,
    )
    if resp.status_code != 200:
        raise RuntimeError(resp.text)
    return resp.json()["completion"].strip()


question = "Which planet has the most moons?"
prompt = anthropic.HUMAN_PROMPT + " " + question + anthropic.AI_PROMPT
sdk_answer = complete(prompt)
http_answer = complete_http(prompt)
print("sdk :", sdk_answer)
print("http:", http_answer)
print("same:", sdk_answer == http_answer)
