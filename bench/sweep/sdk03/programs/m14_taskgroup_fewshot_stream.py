# migrator-fixture: requests-unordered
import asyncio
from collections import deque

import anthropic

FEWSHOT = deque(
    [
        "Translate 'cat' to French.", "chat",
        "Translate 'dog' to French.", "chien",
        "Translate 'bird' to French.", "oiseau",
    ],
    maxlen=4,
)


def to_prompt(history, question):
    prompt = ""
    for i, text in enumerate(history):
        marker = anthropic.HUMAN_PROMPT if i % 2 == 0 else anthropic.AI_PROMPT
        prompt += f"{marker} {text}"
    return prompt + f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"


async def translate(client, word):
    stream = await client.completions.create(
        model="claude-instant-1.2",
        prompt=to_prompt(FEWSHOT, f"Translate '{word}' to French."),
        max_tokens_to_sample=20,
        stream=True,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    parts = []
    async for ev in stream:
        parts.append(ev.completion)
    return "".join(parts).strip()


async def main():
    client = anthropic.AsyncAnthropic()
    async with asyncio.TaskGroup() as tg:
        tasks = {w: tg.create_task(translate(client, w)) for w in ["horse", "fish"]}
    for word, task in tasks.items():
        print(word, "=>", task.result())


asyncio.run(main())
