# migrator-fixture: requests-unordered
import asyncio

import anthropic

CLAUDE_MODEL = "claude-instant-1"
client = anthropic.AsyncAnthropic()


async def fetch(limit, topic, max_tokens):
    async with limit:
        return await client.completions.create(
            model=CLAUDE_MODEL,
            max_tokens_to_sample=max_tokens,
            prompt=f"{anthropic.HUMAN_PROMPT} Write one line about {topic}.{anthropic.AI_PROMPT}",
        )


async def main():
    limit = asyncio.Semaphore(2)
    topics = ["owls", "maple trees", "copper"]
    responses = await asyncio.gather(
        *[fetch(limit, t, 4 if i == 1 else 50) for i, t in enumerate(topics)],
        return_exceptions=True,
    )
    for topic, resp in zip(topics, responses):
        if isinstance(resp, Exception):
            print(topic, "failed:", type(resp).__name__)
            continue
        flag = " (cut)" if resp.stop_reason == "max_tokens" else ""
        print(f"{topic}: {resp.completion.strip()}{flag}")


asyncio.run(main())
