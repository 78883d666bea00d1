import asyncio

import anthropic

SENTINEL = object()


async def produce(client, prompt, queue):
    stream = await client.completions.create(
        model="claude-instant-1",
        prompt=prompt,
        max_tokens_to_sample=50,
        stop_sequences=[anthropic.HUMAN_PROMPT],
        stream=True,
    )
    async for event in stream:
        await queue.put(event)
    await queue.put(SENTINEL)


async def consume(queue):
    parts, reason = [], None
    while True:
        item = await queue.get()
        if item is SENTINEL:
            break
        parts.append(item.completion)
        reason = item.stop_reason or reason
    return "".join(parts), reason


async def main():
    client = anthropic.AsyncAnthropic()
    for q in ["What is a fjord?", "Count to ten, then stop."]:
        queue = asyncio.Queue()
        prompt = anthropic.HUMAN_PROMPT + " " + q + anthropic.AI_PROMPT
        _, (text, reason) = await asyncio.gather(produce(client, prompt, queue), consume(queue))
        print(reason, repr(text.strip()))


asyncio.run(main())
