import asyncio

import anthropic


async def main():
    async for ev in await anthropic.AsyncAnthropic().completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} Name a river.{anthropic.AI_PROMPT}",
        stream=True,
    ):
        print(ev.completion, end="")
    print()


asyncio.run(main())
