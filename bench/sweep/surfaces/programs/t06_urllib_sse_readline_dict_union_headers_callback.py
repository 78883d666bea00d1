import json
import os
import urllib.request

BASE_HEADERS = {"content-type": "application/json", "accept": "text/event-stream", "anthropic-version": "2023-06-01"}
ENDPOINT = os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/v1/complete"


def headers_for(api_key):
    return BASE_HEADERS | {"x-api-key": api_key}


def open_stream(prompt, max_tokens):
    body = {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True}
    req = urllib.request.Request(
        ENDPOINT, data=json.dumps(body).encode("utf-8"), headers=headers_for(os.environ["ANTHROPIC_API_KEY"])
    )
    return urllib.request.urlopen(req, timeout=30)


def consume(prompt, on_text, max_tokens=60):
    event, stop_reason = None, None
    with open_stream(prompt, max_tokens) as resp:
        while True:
            raw = resp.readline()
            if not raw:
                break
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "completion":
                payload = json.loads(line.split(":", 1)[1])
                on_text(payload["completion"])
                if payload.get("stop_reason") is not None:
                    stop_reason = payload["stop_reason"]
    return stop_reason


buf = []
reason = consume("\n\nHuman: Tell me a fact about owls.\n\nAssistant:", buf.append)
print(reason, "".join(buf).strip())
words = []
reason = consume("\n\nHuman: Tell me everything about bats.\n\nAssistant:", lambda t: words.extend(t.split()), 4)
print(reason, len(words))
