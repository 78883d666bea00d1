# migrator-fixture: sdk02
import asyncio
import os

import anthropic

DONE = object()


class StreamingAssistant:
    def __init__(self, api_key, model="claude-v1.3"):
        self.client = anthropic.Client(api_key)
        self.model = model

    async def produce(self, question, queue, max_tokens=60):
        response = await self.client.acompletion_stream(
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            model=self.model,
            max_tokens_to_sample=max_tokens,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        sent = 0
        async for data in response:
            completion = data["completion"]
            if len(completion) > sent:
                await queue.put(completion[sent:])
                sent = len(completion)
        await queue.put(DONE)


async def consume(queue):
    parts = []
    while True:
        item = await queue.get()
        if item is DONE:
            break
        parts.append(item)
    return parts


async def ask(assistant, question, **kw):
    queue = asyncio.Queue()
    _, parts = await asyncio.gather(assistant.produce(question, queue, **kw), consume(queue))
    return len(parts) > 1, "".join(parts).strip()


async def main():
    assistant = StreamingAssistant(os.environ["ANTHROPIC_API_KEY"])
    print(*await ask(assistant, "What is a coroutine?"))
    print(*await ask(assistant, "Explain the event loop at length.", max_tokens=4))


asyncio.run(main())
