import asyncio

import anthropic


async def main():
    async with anthropic.AsyncAnthropic() as client:
        resp = await client.completions.create(
            model="claude-2",
            max_tokens_to_sample=70,
            prompt=f"{anthropic.HUMAN_PROMPT} Name a famous bridge.{anthropic.AI_PROMPT}",
        )
        print(resp.completion)


asyncio.run(main())
