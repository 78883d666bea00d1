# migrator-fixture: requests-unordered
import asyncio

import anthropic

client = anthropic.AsyncAnthropic()
MAX_CONCURRENT = 2


async def stream_answer(sem, idx, question):
    async with sem:
        chunks = []
        stream = await client.completions.create(
            model="claude-instant-1",
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=40,
            stop_sequences=[anthropic.HUMAN_PROMPT],
            stream=True,
        )
        async for chunk in stream:
            chunks.append(chunk.completion)
        return idx, "".join(chunks)


async def main():
    sem = asyncio.Semaphore(MAX_CONCURRENT)
    questions = ["What is rust?", "What is verdigris?", "What is patina?"]
    results = await asyncio.gather(*(stream_answer(sem, i, q) for i, q in enumerate(questions)))
    for idx, text in sorted(results):
        print(idx, text.strip())


asyncio.run(main())
