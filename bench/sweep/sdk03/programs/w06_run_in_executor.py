import asyncio

import anthropic

client = anthropic.Anthropic()


def blocking(q):
    return client.completions.create(
        model="claude-2",
        max_tokens_to_sample=20,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    ).completion


async def main():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking, "Hi"))


asyncio.run(main())
