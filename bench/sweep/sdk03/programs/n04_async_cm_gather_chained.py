# migrator-fixture: requests-unordered
import asyncio

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

REVIEWS = [
    "Battery lasts two days, great screen.",
    "Stopped charging after a week. Refund please.",
    "Fine for the price.",
]


async def label(client, review, *, max_tokens=20, extra_stops=None):
    return (
        await client.completions.create(
            model="claude-instant-1",
            prompt=f"{HUMAN_PROMPT} Label the sentiment of this review in one word: {review}{AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
            stop_sequences=[HUMAN_PROMPT] + (extra_stops or []),
            temperature=0.0,
        )
    ).completion.strip()


async def main():
    async with anthropic.AsyncAnthropic() as client:
        labels = await asyncio.gather(
            *(label(client, r, extra_stops=["STOP"]) for r in REVIEWS)
        )
    for review, lab in zip(REVIEWS, labels):
        print(f"{lab[:50]!r} <- {review}")
    print("longest:", max(len(x) for x in labels))


asyncio.run(main())
