import asyncio
import io
import os

import anthropic

MODEL = os.environ.get("STORY_MODEL", "claude-instant-1")
LIMIT = int(os.environ.get("STORY_TOKENS", "40"))

HEADER = "You write one-line stories for children."


def story_prompt(animal, place):
    body = f"Write a one-line story about a {animal} in a {place}."
    return HEADER + anthropic.HUMAN_PROMPT + " " + body + anthropic.AI_PROMPT


async def tell(client, animal, place, limit=LIMIT):
    buf = io.StringIO()
    truncated = False
    stream = await client.completions.create(
        prompt=story_prompt(animal, place),
        model=MODEL,
        max_tokens_to_sample=limit,
        temperature=1.0,
        top_p=0.9,
        stream=True,
    )
    async for event in stream:
        buf.write(event.completion)
        if event.stop_reason == "max_tokens":
            truncated = True
    return buf.getvalue(), truncated


async def main():
    client = anthropic.AsyncAnthropic()
    for animal, place, limit in [("fox", "library", LIMIT), ("whale", "bakery", 3)]:
        story, truncated = await tell(client, animal, place, limit)
        suffix = "..." if truncated else ""
        print(f"{animal}: {story.strip()}{suffix}")


asyncio.run(main())
