import asyncio

import anthropic

client = anthropic.AsyncAnthropic()


async def stream_answer(question):
    stream = await client.completions.create(
        model="claude-2",
        max_tokens_to_sample=120,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        stream=True,
    )
    text = ""
    async for completion in stream:
        text += completion.completion
    return text


print(asyncio.run(stream_answer("Why is the sky blue?")))
