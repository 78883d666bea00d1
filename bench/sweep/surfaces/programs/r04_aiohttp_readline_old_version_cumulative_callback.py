import asyncio
import json
import os

import aiohttp

API_URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
API_VERSION = "2023-01-01"


async def complete_streaming(prompt, on_update=None, max_tokens=80):
    body = {
        "prompt": prompt,
        "model": "claude-v1.3",
        "max_tokens_to_sample": max_tokens,
        "stream": True,
        "stop_sequences": ["\n\nHuman:"],
    }
    headers = {
        "x-api-key": os.environ["ANTHROPIC_API_KEY"],
        "anthropic-version": API_VERSION,
        "content-type": "application/json",
    }
    last = None
    async with aiohttp.ClientSession() as session:
        async with session.post(API_URL, data=json.dumps(body), headers=headers) as resp:
            resp.raise_for_status()
            while True:
                line = await resp.content.readline()
                if not line:
                    break
                line = line.decode("utf-8").strip()
                if not line.startswith("data:"):
                    continue
                chunk = line[5:].strip()
                if chunk == "[DONE]":
                    break
                event = json.loads(chunk)
                if "completion" not in event:
                    continue
                last = event
                if on_update:
                    on_update(last["completion"])
    return last


async def main():
    for question in ("What is a fjord?", "What is a delta?"):
        sizes = []
        final = await complete_streaming(f"\n\nHuman: {question}\n\nAssistant:", lambda text: sizes.append(len(text)))
        print(final["completion"].strip())
        print(" updates:", len(sizes) > 1, "grows:", sizes == sorted(sizes), "last:", sizes[-1] == len(final["completion"]))
        print(" stop:", final["stop_reason"])


asyncio.run(main())
