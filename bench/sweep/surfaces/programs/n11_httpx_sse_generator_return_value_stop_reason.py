import json
import os

import httpx

URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def sse_events(lines):
    event = None
    for line in lines:
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:"):
            yield event, json.loads(line[5:])


def stream_completion(prompt, max_tokens):
    body = {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True}
    reason = None
    with httpx.stream("POST", URL, headers=HEADERS, json=body, timeout=30) as resp:
        for event, data in sse_events(resp.iter_lines()):
            if event == "completion":
                if data["completion"]:
                    yield data["completion"]
                reason = data.get("stop_reason") or reason
    return reason


def drain(gen):
    parts = []
    while True:
        try:
            parts.append(next(gen))
        except StopIteration as done:
            return "".join(parts), done.value


for q, n in (("Describe a lighthouse keeper.", 60), ("Describe a ship's log.", 4)):
    text, reason = drain(stream_completion(f"\n\nHuman: {q}\n\nAssistant:", n))
    print(reason, "|", text.strip())
