import asyncio
import os

import aiohttp


async def main():
    headers = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
    payload = {
        "model": "claude-2",
        "prompt": "\n\nHuman: Give me a word that rhymes with moon.\n\nAssistant:",
        "max_tokens_to_sample": 30,
    }
    async with aiohttp.ClientSession() as session:
        async with session.post(os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete", headers=headers, json=payload) as resp:
            resp.raise_for_status()
            result = await resp.json()
    print(result["completion"])


asyncio.run(main())
