import json
import os
import urllib.request

API = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"


def stream_completion(prompt, on_text, max_tokens=60):
    req = urllib.request.Request(
        API,
        data=json.dumps(
            {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True}
        ).encode(),
        headers={
            "x-api-key": os.environ["ANTHROPIC_API_KEY"],
            "anthropic-version": "2023-06-01",
            "content-type": "application/json",
            "accept": "text/event-stream",
        },
        method="POST",
    )
    stop_reason = None
    with urllib.request.urlopen(req, timeout=30) as resp:
        for raw in resp:
            line = raw.decode("utf-8").strip()
            if not line.startswith("data:"):
                continue
            payload = json.loads(line[5:])
            if payload.get("type") == "completion":
                on_text(payload["completion"])
                stop_reason = payload.get("stop_reason") or stop_reason
            elif payload.get("type") == "error":
                raise RuntimeError(payload["error"]["message"])
    return stop_reason


chunks = []
reason = stream_completion("\n\nHuman: Describe a windmill.\n\nAssistant:", chunks.append)
print(len(chunks) > 1, reason, "".join(chunks).strip())
reason = stream_completion("\n\nHuman: Describe a canal.\n\nAssistant:", lambda t: print(t, end=""), max_tokens=5)
print()
print(reason)
