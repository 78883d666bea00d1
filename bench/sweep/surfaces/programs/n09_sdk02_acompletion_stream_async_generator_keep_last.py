# migrator-fixture: sdk02
import asyncio
import os

import anthropic

MODEL = "claude-instant-v1.1"


async def stream_answer(client, question, max_tokens=50):
    stream = await client.acompletion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        model=MODEL,
        max_tokens_to_sample=max_tokens,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    async for data in stream:
        yield data


async def final_answer(client, question, **kw):
    last = None
    updates = 0
    async for data in stream_answer(client, question, **kw):
        last = data
        updates += 1
    return last["completion"].strip(), last["stop_reason"], updates > 1


async def main():
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    for q, kw in (("What is a nebula?", {}), ("Describe a quasar in detail.", {"max_tokens": 5})):
        text, reason, streamed = await final_answer(client, q, **kw)
        print(streamed, reason, text)


asyncio.run(main())
