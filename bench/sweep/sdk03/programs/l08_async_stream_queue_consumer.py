# migrator-fixture: requests-unordered
import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic

client = AsyncAnthropic()


async def produce(name, question, queue):
    stream = await client.completions.create(
        model="claude-instant-1",
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=25,
        stream=True,
    )
    async for data in stream:
        await queue.put((name, data.completion))
    await queue.put((name, None))


async def consume(queue, producers):
    texts = {}
    done = 0
    while done < producers:
        name, piece = await queue.get()
        if piece is None:
            done += 1
        else:
            texts[name] = texts.get(name, "") + piece
    return texts


async def main():
    queue = asyncio.Queue()
    jobs = {"a": "Describe a fox.", "b": "Describe an owl.", "c": "Describe a hare."}
    consumer = asyncio.create_task(consume(queue, len(jobs)))
    await asyncio.gather(*(produce(n, q, queue) for n, q in jobs.items()))
    texts = await consumer
    for name in sorted(texts):
        print(name, texts[name].strip())


asyncio.run(main())
