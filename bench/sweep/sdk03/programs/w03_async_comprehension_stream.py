import asyncio

import anthropic


async def main():
    client = anthropic.AsyncAnthropic()
    stream = await client.completions.create(
        model="claude-2",
        max_tokens_to_sample=20,
        stream=True,
        prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    )
    print("".join([c.completion async for c in stream]))


asyncio.run(main())
