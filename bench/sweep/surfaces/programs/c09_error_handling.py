import os

import requests


def complete(prompt, max_tokens=100):
    try:
        response = requests.post(
            os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
            headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
            json={"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens},
        )
        response.raise_for_status()
    except requests.HTTPError as e:
        print("failed:", e.response.status_code)
        return None
    return response.json()["completion"]


print(complete("\n\nHuman: Good morning!\n\nAssistant:"))
