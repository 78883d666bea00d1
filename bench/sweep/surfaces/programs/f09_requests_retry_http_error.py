import os
import time

import requests

URL = f"{os.environ['ANTHROPIC_BASE_URL']}/v1/complete"
RETRYABLE = {429, 500, 529}


def complete(question, retries=3):
    last_status = None
    for attempt in range(retries):
        response = requests.post(
            URL,
            headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
            json={
                "model": "claude-2",
                "prompt": f"\n\nHuman: {question}\n\nAssistant:",
                "max_tokens_to_sample": 64,
                "temperature": 0,
            },
            timeout=30,
        )
        if response.status_code in RETRYABLE:
            last_status = response.status_code
            time.sleep(0.01 * (attempt + 1))
            continue
        try:
            response.raise_for_status()
        except requests.exceptions.HTTPError as err:
            print("request failed:", err.response.status_code)
            return None
        return response.json()["completion"]
    raise RuntimeError(f"gave up after {retries} attempts (last status {last_status})")


print(complete("What does HTTP stand for?"))
