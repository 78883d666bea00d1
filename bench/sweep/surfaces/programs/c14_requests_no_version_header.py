import os

import requests


def call(prompt_text):
    resp = requests.post(
        os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"]},
        json={"model": "claude-v1", "prompt": "\n\nHuman: " + prompt_text + "\n\nAssistant:", "max_tokens_to_sample": 30},
    )
    return resp.json().get("completion", "")


print(call("Say yes."))
