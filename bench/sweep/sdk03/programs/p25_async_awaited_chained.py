import asyncio

from anthropic import AsyncAnthropic, HUMAN_PROMPT, AI_PROMPT

client = AsyncAnthropic()


async def main():
    text = (
        await client.completions.create(
            model="claude-2",
            max_tokens_to_sample=60,
            prompt=f"{HUMAN_PROMPT} Give me a synonym for happy.{AI_PROMPT}",
        )
    ).completion
    print(text)


asyncio.run(main())
