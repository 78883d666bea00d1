# migrator-fixture: requests-unordered
import asyncio

import anthropic


async def main():
    async with anthropic.AsyncAnthropic() as client:
        fast = client.with_options(max_retries=1)
        results = await asyncio.gather(
            *[
                fast.completions.create(
                    model="claude-2",
                    max_tokens_to_sample=20,
                    prompt=f"{anthropic.HUMAN_PROMPT} Number {i}?{anthropic.AI_PROMPT}",
                )
                for i in range(3)
            ]
        )
    for r in results:
        print(r.completion)


asyncio.run(main())
