# migrator-fixture: requests-unordered
import asyncio

import anthropic

client = anthropic.AsyncAnthropic()
limit = asyncio.Semaphore(2)


async def pieces(prompt, max_tokens):
    async with limit:
        stream = await client.completions.create(
            model="claude-instant-1",
            prompt=prompt,
            max_tokens_to_sample=max_tokens,
            stream=True,
        )
        async for event in stream:
            yield event.completion, event.stop_reason


async def collect(name, question, max_tokens=40):
    prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    text, reason = "", None
    async for piece, stop in pieces(prompt, max_tokens):
        text += piece
        reason = stop or reason
    return name, text.strip(), reason


async def main():
    jobs = [("a", "Describe a comet."), ("b", "Describe a meteor."), ("c", "Describe a nebula.")]
    results = await asyncio.gather(*(collect(n, q) for n, q in jobs), collect("d", "Describe a quasar.", 3))
    for name, text, reason in results:
        print(name, reason == "max_tokens", text)


asyncio.run(main())
