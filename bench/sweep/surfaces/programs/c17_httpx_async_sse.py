import asyncio
import json
import os

import httpx


async def stream(q):
    async with httpx.AsyncClient(timeout=30) as client:
        async with client.stream(
            "POST",
            os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
            headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
            json={"model": "claude-instant-1", "prompt": f"\n\nHuman: {q}\n\nAssistant:", "max_tokens_to_sample": 30, "stream": True},
        ) as resp:
            event = None
            async for line in resp.aiter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "completion":
                    print(json.loads(line[6:])["completion"], end="")
    print()


asyncio.run(stream("Name a colour."))
