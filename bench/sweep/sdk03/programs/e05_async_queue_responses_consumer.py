# migrator-fixture: requests-unordered
import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic

TOPICS = ["volcanoes", "coral reefs", "glaciers", "stop signs"]


async def fetch(client, topic, out_queue):
    resp = await client.completions.create(
        model="claude-instant-1",
        prompt=f"{HUMAN_PROMPT} Write one line about {topic}.{AI_PROMPT}",
        max_tokens_to_sample=30,
        stop_sequences=["STOP"],
    )
    await out_queue.put((topic, resp))


async def consume(out_queue, n):
    rows = []
    for _ in range(n):
        topic, resp = await out_queue.get()
        rows.append((topic, resp.stop_reason, resp.completion.strip()))
    return sorted(rows)


async def main():
    client = AsyncAnthropic()
    out_queue = asyncio.Queue()
    consumer = asyncio.create_task(consume(out_queue, len(TOPICS)))
    await asyncio.gather(*[fetch(client, t, out_queue) for t in TOPICS])
    for topic, reason, text in await consumer:
        print(f"{topic}: ({reason}) {text}")


asyncio.run(main())
