import asyncio

import anthropic


class AsyncBot:
    def __init__(self):
        self.client = anthropic.AsyncAnthropic()

    async def raw(self, q):
        return await self.client.completions.create(
            model="claude-instant-1",
            max_tokens_to_sample=30,
            prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        )

    async def text(self, q):
        r = await self.raw(q)
        return r.completion.strip()


print(asyncio.run(AsyncBot().text("What is a lynx?")))
