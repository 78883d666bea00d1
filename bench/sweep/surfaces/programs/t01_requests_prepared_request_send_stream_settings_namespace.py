import json
import os
from types import SimpleNamespace

import requests

settings = SimpleNamespace(
    base_url=os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
    api_key=os.environ["ANTHROPIC_API_KEY"],
    version="2023-06-01",
    model="claude-2",
)


def auth_headers(cfg):
    return {
        "x-api-key": cfg.api_key,
        "anthropic-version": cfg.version,
        "content-type": "application/json",
        "accept": "text/event-stream",
    }


def make_body(prompt, cfg, **overrides):
    body = {"model": cfg.model, "prompt": prompt, "max_tokens_to_sample": 80, "stream": True}
    body.update(overrides)
    return body


def stream_answer(session, question, **overrides):
    prompt = f"\n\nHuman: {question}\n\nAssistant:"
    req = requests.Request(
        "POST",
        f"{settings.base_url}/v1/complete",
        headers=auth_headers(settings),
        json=make_body(prompt, settings, **overrides),
    )
    prepped = session.prepare_request(req)
    resp = session.send(prepped, stream=True, timeout=30)
    resp.raise_for_status()
    event, pieces, reason = None, [], None
    for raw in resp.iter_lines():
        line = raw.decode("utf-8")
        if line.startswith("event: "):
            event = line[len("event: "):]
        elif line.startswith("data: ") and event == "completion":
            data = json.loads(line[len("data: "):])
            pieces.append(data["completion"])
            reason = data["stop_reason"] or reason
    return "".join(pieces), reason


with requests.Session() as s:
    for q, extra in (("Name two moons of Jupiter.", {}), ("Explain tides.", {"max_tokens_to_sample": 5})):
        text, reason = stream_answer(s, q, **extra)
        print(f"[{reason}] {text.strip()}")
