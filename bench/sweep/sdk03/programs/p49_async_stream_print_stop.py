import asyncio

from anthropic import AsyncAnthropic, HUMAN_PROMPT, AI_PROMPT


async def main():
    client = AsyncAnthropic()
    stream = await client.completions.create(
        model="claude-instant-1",
        max_tokens_to_sample=8,
        prompt=f"{HUMAN_PROMPT} Tell me about volcanoes please.{AI_PROMPT}",
        stream=True,
    )
    async for chunk in stream:
        print(chunk.completion, end="")
        if chunk.stop_reason:
            print("\n<", chunk.stop_reason, ">")


asyncio.run(main())
