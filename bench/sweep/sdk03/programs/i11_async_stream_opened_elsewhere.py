import asyncio

import anthropic


async def open_stream(client, question):
    return await client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        stream=True,
    )


async def text_chunks(stream):
    async for chunk in stream:
        if chunk.completion:
            yield chunk.completion


async def ask(client, question):
    out = []
    async for t in text_chunks(await open_stream(client, question)):
        out.append(t)
    return "".join(out)


async def main():
    client = anthropic.AsyncAnthropic()
    for q in ["Name a mountain.", "Name a desert."]:
        text = await ask(client, q)
        print(len(text.split()), text.strip())


asyncio.run(main())
