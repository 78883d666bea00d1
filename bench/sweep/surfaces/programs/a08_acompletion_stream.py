# migrator-fixture: sdk02
import asyncio
import os

import anthropic


async def main():
    c = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    stream = await c.acompletion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} Count to five.{anthropic.AI_PROMPT}",
        stop_sequences=[anthropic.HUMAN_PROMPT],
        max_tokens_to_sample=60,
        model="claude-v1",
        stream=True,
    )
    async for data in stream:
        print(data["completion"][-10:])


asyncio.run(main())
