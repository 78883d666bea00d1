import os

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

API_KEY = os.environ["ANTHROPIC_API_KEY"]
BASE_URL = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com")


def make_session():
    s = requests.Session()
    retry = Retry(total=3, backoff_factor=0.1, status_forcelist=[429, 500, 529], allowed_methods=["POST"])
    s.mount("http://", HTTPAdapter(max_retries=retry))
    s.mount("https://", HTTPAdapter(max_retries=retry))
    s.headers.update({"x-api-key": API_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"})
    return s


def complete(session, question, model="claude-2"):
    payload = {
        "model": model,
        "prompt": f"\n\nHuman: {question}\n\nAssistant: ",
        "max_tokens_to_sample": 100000,
        "temperature": 0.2,
    }
    r = session.post(f"{BASE_URL}/v1/complete", json=payload, timeout=60)
    data = r.json()
    if "completion" not in data:
        return "error: " + data.get("error", {}).get("message", "unknown")
    return data["completion"].strip()


s = make_session()
print(complete(s, "Name a famous bridge."))
print(complete(s, "Name a famous tower.", model="claude-instant-1.2"))
