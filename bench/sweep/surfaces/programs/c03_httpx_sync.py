import os

import httpx

client = httpx.Client(base_url=os.environ["ANTHROPIC_BASE_URL"], headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"})
resp = client.post(
    "/v1/complete",
    json={"model": "claude-2.1", "prompt": "\n\nHuman: Name a bird.\n\nAssistant:", "max_tokens_to_sample": 50},
)
resp.raise_for_status()
print(resp.json().get("completion"))
