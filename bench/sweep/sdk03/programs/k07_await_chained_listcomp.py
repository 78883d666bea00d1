import asyncio

import anthropic

TOPICS = ["owls", "otters"]


async def main():
    async with anthropic.AsyncAnthropic() as client:
        facts = [
            (
                await client.completions.create(
                    model="claude-instant-1",
                    max_tokens_to_sample=30,
                    prompt=f"{anthropic.HUMAN_PROMPT} One fact about {topic}.{anthropic.AI_PROMPT}",
                )
            ).completion.strip()
            for topic in TOPICS
        ]
    for topic, fact in zip(TOPICS, facts):
        print(f"{topic}: {fact}")


asyncio.run(main())
