# migrator-fixture: requests-unordered
import asyncio

import anthropic

client = anthropic.AsyncAnthropic()


async def one(q):
    stream = await client.completions.create(
        model="claude-instant-1",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        stream=True,
    )
    parts = []
    async for ev in stream:
        parts.append(ev.completion)
    return "".join(parts)


async def main():
    for r in await asyncio.gather(one("Alpha?"), one("Beta?")):
        print(r)


asyncio.run(main())
