# migrator-fixture: requests-unordered
import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic


class AsyncClaudeBackend:
    name = "claude"

    def __init__(self, model="claude-2", max_tokens=48, **defaults):
        self.client = AsyncAnthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.defaults = defaults

    async def agenerate(self, prompt, *, stream=False, on_token=None, **kwargs):
        request = dict(
            model=self.model,
            prompt=f"{HUMAN_PROMPT} {prompt}{AI_PROMPT}",
            max_tokens_to_sample=kwargs.pop("max_tokens", self.max_tokens),
            **{**self.defaults, **kwargs},
        )
        if not stream:
            result = await self.client.completions.create(**request)
            return result.completion, result.stop_reason
        parts, reason = [], None
        async for event in await self.client.completions.create(stream=True, **request):
            parts.append(event.completion)
            if on_token:
                on_token(event.completion)
            reason = event.stop_reason or reason
        return "".join(parts), reason


# OPENAI-BEGIN
class AsyncOpenAIBackend:
    name = "openai"

    def __init__(self, model="gpt-3.5-turbo-instruct", max_tokens=48, **defaults):
        from openai import AsyncOpenAI

        self.client = AsyncOpenAI()
        self.model, self.max_tokens, self.defaults = model, max_tokens, defaults

    async def agenerate(self, prompt, *, stream=False, on_token=None, **kwargs):
        result = await self.client.completions.create(
            model=self.model, prompt=prompt, max_tokens=self.max_tokens, **self.defaults, **kwargs
        )
        return result.choices[0].text, result.choices[0].finish_reason
# OPENAI-END


async def main():
    backend = AsyncClaudeBackend(temperature=0.4)
    counts = {}

    def count(token):
        counts["tokens"] = counts.get("tokens", 0) + 1

    jobs = [
        backend.agenerate("Name a famous bridge."),
        backend.agenerate("Describe a storm in detail.", stream=True, on_token=count, max_tokens=8),
        backend.agenerate("Say yes and then stop.", stream=True, stop_sequences=["STOP"]),
    ]
    for text, reason in await asyncio.gather(*jobs):
        print(f"{backend.name} {reason}: {text.strip()}")
    print("streamed tokens:", counts.get("tokens", 0) > 0)


asyncio.run(main())
