import asyncio

import anthropic

DEFAULT_MODEL = "claude-instant-1.1"


class ClaudeWrapper:
    def __init__(self, model=DEFAULT_MODEL, temperature=0.5, max_tokens=48):
        self.client = anthropic.Anthropic()
        self.async_client = anthropic.AsyncAnthropic()
        self.model = model
        self.temperature = temperature
        self.max_tokens = max_tokens

    def _build_kwargs(self, prompt, **overrides):
        kwargs = {
            "model": self.model,
            "prompt": f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            "max_tokens_to_sample": self.max_tokens,
            "temperature": self.temperature,
        }
        kwargs.update(overrides)
        return kwargs

    def complete(self, prompt, **overrides):
        response = self.client.completions.create(**self._build_kwargs(prompt, **overrides))
        return response.completion

    async def acomplete(self, prompt, **overrides):
        response = await self.async_client.completions.create(**self._build_kwargs(prompt, **overrides))
        return response.completion


llm = ClaudeWrapper()
print(llm.complete("Name three rivers.").strip())
print(llm.complete("Describe a river delta thoroughly.", max_tokens_to_sample=6).strip())


async def batch():
    outs = [await llm.acomplete(f"Name a {kind} river.") for kind in ["long", "cold"]]
    return [o.strip() for o in outs]


for line in asyncio.run(batch()):
    print("async:", line)
