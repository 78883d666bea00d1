import json
import os

import requests


def stream_complete(prompt, max_tokens=60):
    resp = requests.post(
        f"{os.environ['ANTHROPIC_BASE_URL']}/v1/complete",
        headers={
            "x-api-key": os.environ["ANTHROPIC_API_KEY"],
            "anthropic-version": "2023-06-01",
            "accept": "text/event-stream",
        },
        json={"model": "claude-2.1", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True},
        stream=True,
        timeout=60,
    )
    resp.raise_for_status()
    buf = ""
    for chunk in resp.iter_content(chunk_size=None, decode_unicode=True):
        buf += chunk
        while "\n\n" in buf:
            block, buf = buf.split("\n\n", 1)
            fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
            if fields.get("event") != "completion":
                continue
            yield json.loads(fields["data"])


pieces, reason = [], None
for ev in stream_complete("\n\nHuman: Name three rivers in Africa.\n\nAssistant:"):
    pieces.append(ev["completion"])
    if ev.get("stop_reason"):
        reason = ev["stop_reason"]
print("".join(pieces).strip())
print("events:", len(pieces) > 3, "reason:", reason)
