import asyncio
import json
import os

import httpx

URL = f"{os.environ['ANTHROPIC_BASE_URL']}/v1/complete"


def anthropic_headers():
    return {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": "2023-06-01",
        "accept": "text/event-stream",
    }


async def stream_once(client, body):
    text, reason, event = "", None, None
    async with client.stream("POST", URL, json=body, headers=anthropic_headers()) as resp:
        if resp.status_code in (429, 529):
            await resp.aread()
            return None
        resp.raise_for_status()
        async for line in resp.aiter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event == "completion":
                chunk = json.loads(line[5:])
                text += chunk["completion"]
                reason = chunk.get("stop_reason") or reason
    return text, reason


async def stream_with_retry(client, question, max_tokens=80, tries=3):
    body = {
        "model": "claude-2.1",
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stream": True,
    }
    for i in range(tries):
        result = await stream_once(client, body)
        if result is not None:
            return result
        await asyncio.sleep(0.02 * (i + 1))
    raise RuntimeError("overloaded")


async def main():
    async with httpx.AsyncClient(timeout=30) as client:
        for q, n in (("Describe a volcano.", 80), ("Describe an earthquake in depth.", 5)):
            text, reason = await stream_with_retry(client, q, n)
            print(reason, "::", text.strip())


asyncio.run(main())
