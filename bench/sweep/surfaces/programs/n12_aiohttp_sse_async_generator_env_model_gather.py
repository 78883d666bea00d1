import asyncio
import json
import os

import aiohttp

MODEL = os.environ.get("COMPLETION_MODEL", "claude-instant-1.2")
STOP_SEQUENCES = ["\n\nHuman:", "STOP"]
ENDPOINT = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
ONE_AT_A_TIME = asyncio.Semaphore(1)


async def astream(session, question, max_tokens=60):
    payload = {
        "model": MODEL,
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": STOP_SEQUENCES,
        "stream": True,
    }
    headers = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    async with session.post(ENDPOINT, json=payload, headers=headers) as resp:
        async for raw in resp.content:
            line = raw.decode().strip()
            if line.startswith("data:"):
                data = json.loads(line[5:])
                if data.get("type") == "completion":
                    yield data["completion"], data.get("stop_reason")


async def collect(session, question, **kw):
    text, reason = "", None
    async with ONE_AT_A_TIME:
        async for piece, stop_reason in astream(session, question, **kw):
            text += piece
            reason = stop_reason or reason
    return question, reason, text.strip()


async def main():
    async with aiohttp.ClientSession() as session:
        results = await asyncio.gather(
            collect(session, "Count sheep, then stop."),
            collect(session, "Describe a dream."),
            collect(session, "Describe sleep at length.", max_tokens=3),
        )
    for q, reason, text in results:
        print(q, reason, text)


asyncio.run(main())
