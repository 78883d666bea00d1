import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic


class AsyncPrinter:
    def __init__(self, label):
        self.label = label
        self.buffer = []

    async def on_token(self, token):
        self.buffer.append(token)
        await asyncio.sleep(0)

    async def on_finish(self, reason):
        text = "".join(self.buffer).strip()
        print(f"{self.label} ({reason}): {text}")


async def stream_to(client, question, handler, *, max_tokens=40):
    stream = await client.completions.create(
        model="claude-instant-1.2",
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
        stop_sequences=[HUMAN_PROMPT, "STOP"],
        stream=True,
    )
    final = None
    async for chunk in stream:
        await handler.on_token(chunk.completion)
        final = chunk.stop_reason
    await handler.on_finish(final)


async def main():
    async with AsyncAnthropic() as client:
        await stream_to(client, "Count slowly and stop at five.", AsyncPrinter("count"))
        await stream_to(client, "Name a bird.", AsyncPrinter("bird"))
        await stream_to(client, "Describe a storm.", AsyncPrinter("storm"), max_tokens=3)


asyncio.run(main())
