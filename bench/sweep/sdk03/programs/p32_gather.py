# migrator-fixture: requests-unordered
import asyncio

from anthropic import AsyncAnthropic, HUMAN_PROMPT, AI_PROMPT

client = AsyncAnthropic()


async def complete(q):
    r = await client.completions.create(
        model="claude-instant-1",
        max_tokens_to_sample=40,
        prompt=f"{HUMAN_PROMPT} {q}{AI_PROMPT}",
    )
    return r.completion


async def main():
    questions = ["Capital of Spain?", "Capital of Italy?", "Capital of Peru?"]
    answers = await asyncio.gather(*(complete(q) for q in questions))
    for q, a in zip(questions, answers):
        print(q, "=>", a)


asyncio.run(main())
