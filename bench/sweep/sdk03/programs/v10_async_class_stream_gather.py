# migrator-fixture: requests-unordered
import asyncio

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class AsyncStreamer:
    def __init__(self, model="claude-2"):
        self.client = anthropic.AsyncAnthropic()
        self.model = model

    async def stream_text(self, question, max_tokens=30):
        response = await self.client.completions.create(
            model=self.model,
            prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
            stop_sequences=[HUMAN_PROMPT, "STOP"],
            stream=True,
        )
        text = ""
        async for data in response:
            text += data.completion
        return text.strip()


async def main():
    s = AsyncStreamer()
    a, b = await asyncio.gather(
        s.stream_text("Name a moon."), s.stream_text("Please stop after counting.")
    )
    print(a)
    print(b)


asyncio.run(main())
