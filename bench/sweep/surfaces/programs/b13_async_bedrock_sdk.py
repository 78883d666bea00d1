import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropicBedrock


async def main():
    client = AsyncAnthropicBedrock()
    r = await client.completions.create(
        model="anthropic.claude-v2:1",
        prompt=f"{HUMAN_PROMPT} What is a haiku?{AI_PROMPT}",
        max_tokens_to_sample=80,
    )
    print(r.completion)


asyncio.run(main())
