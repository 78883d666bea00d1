# migrator-fixture: sdk02
# migrator-fixture: requests-unordered
import asyncio
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


async def stream_answer(topic):
    stream = await client.acompletion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} Write two sentences about {topic}.{anthropic.AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=30,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    seen = ""
    deltas = []
    async for data in stream:
        text = data["completion"]
        if text.startswith(seen):
            deltas.append(text[len(seen):])
        seen = text
    return topic, seen, len([d for d in deltas if d])


async def main():
    results = await asyncio.gather(stream_answer("owls"), stream_answer("tides"))
    for topic, text, n in sorted(results):
        print(topic, len(text), n > 0)
        print(text.strip())


asyncio.run(main())
