# migrator-fixture: requests-unordered
import asyncio
import codecs
import json
import os

import httpx

URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "accept": "text/event-stream",
}


async def stream_text(client, prompt, max_tokens=60):
    decoder = codecs.getincrementaldecoder("utf-8")()
    payload = {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True}
    buf, out, reason = "", [], None
    async with client.stream("POST", URL, headers=HEADERS, json=payload) as resp:
        resp.raise_for_status()
        async for chunk in resp.aiter_bytes():
            buf += decoder.decode(chunk)
            *blocks, buf = buf.split("\n\n")
            for block in blocks:
                fields = dict(ln.split(": ", 1) for ln in block.split("\n") if ": " in ln)
                if fields.get("event") != "completion":
                    continue
                data = json.loads(fields["data"])
                out.append(data["completion"])
                reason = data["stop_reason"] or reason
    return "".join(out), reason


async def main():
    topics = ["a lighthouse", "a glacier", "a desert"]
    async with httpx.AsyncClient(timeout=30) as client:
        results = await asyncio.gather(
            *(
                stream_text(client, f"\n\nHuman: Write one line about {t}.\n\nAssistant:", 60 if i else 4)
                for i, t in enumerate(topics)
            )
        )
    for topic, (text, reason) in zip(topics, results):
        print(f"{topic:12} {reason:14} {text.strip()}")


asyncio.run(main())
