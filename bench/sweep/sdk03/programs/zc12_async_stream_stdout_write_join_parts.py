import asyncio
import os
import sys

import anthropic

MODEL = os.environ.get("CLAUDE_MODEL") or "claude-instant-1.2"
client = anthropic.AsyncAnthropic()


async def stream_story(topic):
    prompt = "".join(
        [anthropic.HUMAN_PROMPT, " Tell a two-sentence story about ", topic, ".", anthropic.AI_PROMPT]
    )
    stream = await client.completions.create(
        prompt=prompt,
        model=MODEL,
        max_tokens_to_sample=80,
        stream=True,
    )
    text = ""
    async for event in stream:
        sys.stdout.write(event.completion)
        sys.stdout.flush()
        text += event.completion
    sys.stdout.write("\n")
    return text


async def main():
    stories = {}
    for topic in ["a lighthouse", "a lost key"]:
        stories[topic] = await stream_story(topic)
    print({k: len(v.split()) for k, v in stories.items()})


asyncio.run(main())
