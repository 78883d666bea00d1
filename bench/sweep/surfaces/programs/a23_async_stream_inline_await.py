# migrator-fixture: sdk02
import asyncio
import os

import anthropic


async def main():
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    last = ""
    async for data in await client.acompletion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} Name some metals.{anthropic.AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=50,
    ):
        last = data["completion"]
    print(last)


asyncio.run(main())
