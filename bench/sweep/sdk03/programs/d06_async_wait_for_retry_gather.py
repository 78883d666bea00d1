import asyncio
import random

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class AsyncClaude:
    def __init__(self, model="claude-2", concurrency=2, timeout=30.0, retries=3):
        self.client = anthropic.AsyncAnthropic(max_retries=0)
        self.model = model
        self.sem = asyncio.Semaphore(concurrency)
        self.timeout = timeout
        self.retries = retries
        self.calls = 0

    async def _once(self, prompt, max_tokens):
        self.calls += 1
        return await asyncio.wait_for(
            self.client.completions.create(model=self.model, prompt=prompt, max_tokens_to_sample=max_tokens),
            timeout=self.timeout,
        )

    async def generate(self, text, max_tokens=80):
        prompt = f"{HUMAN_PROMPT} {text}{AI_PROMPT}"
        async with self.sem:
            for attempt in range(self.retries):
                try:
                    resp = await self._once(prompt, max_tokens)
                    return resp.completion.strip()
                except (anthropic.RateLimitError, anthropic.APIConnectionError, asyncio.TimeoutError):
                    await asyncio.sleep(random.uniform(0, 0.01) * 2**attempt)
            raise RuntimeError("giving up")


async def main():
    llm = AsyncClaude(concurrency=1)  # one in flight: keeps the request order deterministic
    topics = ["tides", "volcanoes", "comets", "glaciers"]
    results = await asyncio.gather(
        *(llm.generate(f"One sentence about {t}.") for t in topics), return_exceptions=True
    )
    for topic, result in zip(topics, results):
        if isinstance(result, Exception):
            print(topic, "ERROR", type(result).__name__)
        else:
            print(topic, "->", result)
    print("calls:", llm.calls)


asyncio.run(main())
