# migrator-fixture: sdk02
import asyncio
import os

import anthropic

LABEL = "Answer:"
client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


async def answer(question, timeout=20):
    prompt = f"{anthropic.HUMAN_PROMPT} {question} Start with '{LABEL}'.{anthropic.AI_PROMPT} {LABEL}"
    last = None

    async def consume():
        nonlocal last
        stream = await client.acompletion_stream(
            prompt=prompt,
            model="claude-instant-v1.1",
            max_tokens_to_sample=30,
            stop_sequences=[anthropic.HUMAN_PROMPT, "\n\n"],
        )
        async for event in stream:
            last = event

    try:
        await asyncio.wait_for(consume(), timeout)
    except anthropic.ApiException as err:
        return f"error: {err}"
    if last is None:
        return ""
    return LABEL + last["completion"]


async def main():
    for q in ("What colour is the sky?", "How many legs does a spider have?"):
        text = await answer(q)
        print(len(text), text)


asyncio.run(main())
