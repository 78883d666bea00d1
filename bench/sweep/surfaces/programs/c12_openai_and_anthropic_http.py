import os

import requests

# KEEP-BEGIN
def openai_complete(prompt):
    r = requests.post(
        "https://api.openai.com/v1/completions",
        headers={"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")},
        json={"model": "gpt-3.5-turbo-instruct", "prompt": prompt, "max_tokens": 50},
    )
    return r.json()["choices"][0]["text"]
# KEEP-END


def claude_complete(prompt):
    r = requests.post(
        os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        json={"model": "claude-2", "prompt": f"\n\nHuman: {prompt}\n\nAssistant:", "max_tokens_to_sample": 50},
    )
    return r.json()["completion"]


print(claude_complete("Hello"))
