import asyncio

import anthropic

client = anthropic.AsyncAnthropic()


async def agen(question):
    stream = await client.completions.create(
        model="claude-2",
        max_tokens_to_sample=50,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        stream=True,
    )
    async for data in stream:
        if data.completion:
            yield data.completion


async def main():
    async for token in agen("What is rain?"):
        print(repr(token))


asyncio.run(main())
