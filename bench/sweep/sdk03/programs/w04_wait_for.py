import asyncio

import anthropic


async def main():
    client = anthropic.AsyncAnthropic()
    resp = await asyncio.wait_for(
        client.completions.create(
            model="claude-2",
            max_tokens_to_sample=20,
            prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
        ),
        timeout=30,
    )
    print(resp.completion)


asyncio.run(main())
