import os
import time

import httpx

DEFAULTS = {"model": "claude-instant-1.2", "max_tokens_to_sample": 120, "temperature": 0.2}


def build_headers():
    key = os.environ["ANTHROPIC_API_KEY"]
    return {"x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json"}


client = httpx.Client(base_url=os.environ["ANTHROPIC_BASE_URL"], headers=build_headers(), timeout=30)


def request_body(prompt, **kw):
    return {**DEFAULTS, "prompt": prompt, **kw}


def complete(prompt, retries=3, **kw):
    for attempt in range(retries):
        r = client.post("/v1/complete", json=request_body(prompt, **kw))
        if r.status_code in (429, 529):
            wait = float(r.headers.get("retry-after", "0"))
            time.sleep(min(wait, 0.05))
            continue
        r.raise_for_status()
        return r.json()
    raise RuntimeError(f"still overloaded after {retries} attempts")


def summarize(text):
    data = complete(f"\n\nHuman: Summarize in one sentence:\n{text}\n\nAssistant:")
    return data["completion"].strip()


def is_truncated(question):
    data = complete(f"\n\nHuman: {question}\n\nAssistant:", max_tokens_to_sample=4)
    return data.get("stop_reason") == "max_tokens", data.get("completion", "")


print(summarize("The quick brown fox jumps over the lazy dog. It does so every morning."))
cut, partial = is_truncated("Describe the history of Rome.")
print("truncated:", cut, "|", partial.strip())
client.close()
