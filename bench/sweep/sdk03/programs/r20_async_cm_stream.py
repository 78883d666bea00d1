import asyncio

import anthropic


async def main():
    async with anthropic.AsyncAnthropic() as client:
        stream = await client.completions.create(
            model="claude-2",
            max_tokens_to_sample=40,
            prompt=f"{anthropic.HUMAN_PROMPT} Tell me about owls.{anthropic.AI_PROMPT}",
            stream=True,
        )
        async for ev in stream:
            print(ev.completion, end="", flush=True)
        print()


asyncio.run(main())
