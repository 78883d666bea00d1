# migrator-fixture: requests-unordered
import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropicBedrock

TOPICS = ["volcanoes", "coral reefs", "glaciers"]


async def stream_fact(client: AsyncAnthropicBedrock, topic: str, budget: int = 60) -> tuple[str, str]:
    stream = await client.completions.create(
        model="anthropic.claude-instant-v1",
        prompt=f"{HUMAN_PROMPT} Give me one surprising fact about {topic}.{AI_PROMPT}",
        max_tokens_to_sample=budget,
        stream=True,
    )
    text = ""
    async for event in stream:
        text += event.completion
    return topic, text.strip()


async def main():
    client = AsyncAnthropicBedrock(aws_region="us-east-1")
    results = await asyncio.gather(*(stream_fact(client, t) for t in TOPICS))
    for topic, fact in results:
        print(f"[{topic}] {fact}")
    _, short = await stream_fact(client, "deserts", budget=3)
    print("short:", short)


asyncio.run(main())
