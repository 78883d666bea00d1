import asyncio
import json

import anthropic


class Extractor:
    def __init__(self, model="claude-2.0"):
        self.model = model
        self._client = None

    async def __aenter__(self):
        self._client = anthropic.AsyncAnthropic()
        return self

    async def __aexit__(self, *exc):
        await self._client.close()
        self._client = None

    async def stream_fields(self, sentence):
        prompt = (
            anthropic.HUMAN_PROMPT
            + " Extract name, age and city from this sentence as JSON: "
            + sentence
            + anthropic.AI_PROMPT
            + " {"
        )
        stream = await self._client.completions.create(
            prompt=prompt, model=self.model, max_tokens_to_sample=300, stream=True
        )
        async for event in stream:
            yield event.completion


async def main():
    async with Extractor() as ex:
        for sentence in ["Bob, 40, Lima.", "Ana, 22, Rome."]:
            raw = "{"
            async for part in ex.stream_fields(sentence):
                raw += part
            data = json.loads(raw)
            print(sorted(data), data["answer"][:50])
    print(ex._client is None)


asyncio.run(main())
