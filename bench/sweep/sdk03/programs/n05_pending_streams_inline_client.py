import asyncio

import anthropic


def open_stream(question, max_tokens=40):
    # a fresh client per request, returned before anything is awaited
    return anthropic.AsyncAnthropic().completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
        stream=True,
    )


async def collect(pending):
    text = ""
    async for event in await pending:
        text += event.completion
    return text


async def main():
    pending = {
        "tea": open_stream("How is green tea made?"),
        "coffee": open_stream("How is espresso made?", max_tokens=8),
    }
    for name, coro in pending.items():
        text = await collect(coro)
        print(f"{name}: {text.strip()}")
        print(f"  {len(text.split())} words")


asyncio.run(main())
