import json
import os

import httpx

HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def sse_events(response):
    buf = ""
    for chunk in response.iter_text():
        buf += chunk
        while "\n\n" in buf:
            block, buf = buf.split("\n\n", 1)
            event, data = "message", ""
            for line in block.splitlines():
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data += line[5:].strip()
            if data:
                yield event, json.loads(data)


def stream_story(topic, max_tokens=60):
    body = {
        "model": "claude-2",
        "prompt": f"\n\nHuman: Tell a two-sentence story about {topic}.\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stream": True,
    }
    pieces, stop_reason = [], None
    with httpx.Client(base_url=os.environ["ANTHROPIC_BASE_URL"], timeout=30) as client:
        with client.stream("POST", "/v1/complete", json=body, headers=HEADERS) as response:
            response.raise_for_status()
            for event, data in sse_events(response):
                if event == "completion":
                    pieces.append(data["completion"])
                    stop_reason = data.get("stop_reason") or stop_reason
                elif event == "error":
                    raise RuntimeError(data["error"]["message"])
    return "".join(pieces), stop_reason


for topic, limit in (("a lost key", 60), ("a brave snail", 8)):
    text, reason = stream_story(topic, limit)
    print(len(text), "truncated" if reason == "max_tokens" else "complete", text.strip())
