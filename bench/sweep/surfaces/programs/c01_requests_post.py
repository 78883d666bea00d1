import os

import requests

url = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
headers = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
}
data = {
    "model": "claude-2",
    "prompt": "\n\nHuman: Why is the sky blue?\n\nAssistant:",
    "max_tokens_to_sample": 256,
}
response = requests.post(url, headers=headers, json=data)
response.raise_for_status()
print(response.json()["completion"])
