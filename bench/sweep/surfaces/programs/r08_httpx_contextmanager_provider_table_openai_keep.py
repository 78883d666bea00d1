import os
from contextlib import contextmanager

import httpx

PROVIDERS = {
    "anthropic": {"base": os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com"), "path": "/v1/complete"},
    "openai": {"base": "https://api.openai.com", "path": "/v1/completions"},
}


@contextmanager
def http_client(provider):
    cfg = PROVIDERS[provider]
    if provider == "anthropic":
        headers = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    else:
        headers = {"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")}
    with httpx.Client(base_url=cfg["base"], headers=headers, timeout=30) as client:
        yield client, cfg["path"]


# KEEP-BEGIN
def openai_complete(prompt, max_tokens=64):
    with http_client("openai") as (client, path):
        r = client.post(path, json={"model": "gpt-3.5-turbo-instruct", "prompt": prompt, "max_tokens": max_tokens})
        return r.json()["choices"][0]["text"]
# KEEP-END


def claude_complete(prompt, max_tokens=64):
    with http_client("anthropic") as (client, path):
        r = client.post(
            path,
            json={
                "model": "claude-2",
                "prompt": f"\n\nHuman: {prompt}\n\nAssistant:",
                "max_tokens_to_sample": max_tokens,
            },
        )
        r.raise_for_status()
        body = r.json()
        return body["completion"], body["stop_reason"] == "max_tokens"


def complete(provider, prompt, **kw):
    if provider == "openai":
        return openai_complete(prompt, **kw), False
    return claude_complete(prompt, **kw)


for prompt, limit in (("List two oceans.", 64), ("Write an essay on tides.", 3)):
    text, cut = complete(os.environ.get("LLM_PROVIDER", "anthropic"), prompt, max_tokens=limit)
    print("[cut]" if cut else "[full]", text.strip())
