# migrator-fixture: requests-unordered
import asyncio

import anthropic

client = anthropic.AsyncAnthropic()


async def first_chars(question, limit=60):
    stream = await client.completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=300,
        stream=True,
        stop_sequences=["\n\n"],
    )
    buf = ""
    async for event in stream:
        buf += event.completion
        if len(buf) >= limit:
            break
    return buf[:limit]


async def main():
    questions = ["Describe the ocean at night.", "Describe a busy train station."]
    previews = await asyncio.gather(*(first_chars(q) for q in questions))
    for q, p in zip(questions, previews):
        print(f"{q!r}: {p.strip()!r} ({len(p)})")


asyncio.run(main())
