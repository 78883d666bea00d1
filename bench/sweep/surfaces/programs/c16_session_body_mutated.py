import os

import requests

session = requests.Session()
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
BASE_BODY = {"model": "claude-2", "max_tokens_to_sample": 50}


def ask(q):
    body = dict(BASE_BODY)
    body["prompt"] = f"\n\nHuman: {q}\n\nAssistant:"
    r = session.post(os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete", json=body, headers=HEADERS)
    return r.json()["completion"]


print(ask("One word for fast?"))
