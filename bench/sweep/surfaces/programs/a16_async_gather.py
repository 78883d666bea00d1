# migrator-fixture: sdk02
# migrator-fixture: requests-unordered
import asyncio
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


async def one(q):
    r = await client.acompletion(
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=30,
    )
    return r["completion"]


async def main():
    answers = await asyncio.gather(one("Red?"), one("Blue?"))
    print(sorted(answers))


asyncio.run(main())
