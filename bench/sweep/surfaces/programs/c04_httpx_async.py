import asyncio
import os

import httpx

URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


async def ask(q):
    async with httpx.AsyncClient() as client:
        r = await client.post(
            URL,
            headers=HEADERS,
            json={"model": "claude-2", "prompt": f"\n\nHuman: {q}\n\nAssistant:", "max_tokens_to_sample": 64},
        )
        r.raise_for_status()
        return r.json()["completion"]


print(asyncio.run(ask("What is rust?")))
