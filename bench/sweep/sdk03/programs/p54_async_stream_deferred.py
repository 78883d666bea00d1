import asyncio

import anthropic

client = anthropic.AsyncAnthropic()


def start(question):
    return client.completions.create(
        model="claude-2",
        max_tokens_to_sample=60,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        stream=True,
    )


async def main():
    pending = start("What do whales eat?")
    out = []
    async for ev in await pending:
        out.append(ev.completion)
    print("".join(out))


asyncio.run(main())
