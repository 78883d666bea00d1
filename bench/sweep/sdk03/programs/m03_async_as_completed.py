# migrator-fixture: requests-unordered
import asyncio

from anthropic import AsyncAnthropic, HUMAN_PROMPT, AI_PROMPT

TOPICS = ["volcanoes", "tides", "auroras"]


async def explain(client, topic):
    resp = await client.completions.create(
        model="claude-2",
        prompt=f"{HUMAN_PROMPT} Explain {topic} to a ten-year-old in two sentences.{AI_PROMPT}",
        max_tokens_to_sample=150,
        temperature=0.3,
        top_p=0.9,
    )
    return topic, resp.completion.strip()


async def main():
    client = AsyncAnthropic()
    tasks = [asyncio.create_task(explain(client, t)) for t in TOPICS]
    results = {}
    for fut in asyncio.as_completed(tasks):
        topic, text = await fut
        results[topic] = text
    for topic in sorted(results):
        print(f"{topic}: {results[topic]}")
    print("total chars:", sum(len(v) for v in results.values()))


asyncio.run(main())
