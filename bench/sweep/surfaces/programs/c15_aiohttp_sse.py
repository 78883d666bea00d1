import asyncio
import json
import os

import aiohttp


async def main():
    async with aiohttp.ClientSession() as session:
        async with session.post(
            os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
            headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
            json={"model": "claude-2", "prompt": "\n\nHuman: Name two moons.\n\nAssistant:", "max_tokens_to_sample": 40, "stream": True},
        ) as resp:
            out = ""
            async for raw in resp.content:
                line = raw.decode().strip()
                if line.startswith("data:"):
                    data = json.loads(line[5:])
                    if data.get("type") == "completion":
                        out += data["completion"]
            print(out)


asyncio.run(main())
