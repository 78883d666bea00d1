import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic

LABELS = {"stop_sequence": "done", "max_tokens": "cut"}


class Streamer:
    def __init__(self, model="claude-2", max_tokens=200):
        self.client = AsyncAnthropic()
        self.model = model
        self.max_tokens = max_tokens

    def prompt_for(self, question, style):
        return f"{HUMAN_PROMPT} Answer in a {style} tone: {question}{AI_PROMPT}"

    async def run(self, question, style="friendly", max_tokens=None):
        stream = await self.client.completions.create(
            model=self.model,
            prompt=self.prompt_for(question, style),
            max_tokens_to_sample=max_tokens or self.max_tokens,
            stream=True,
        )
        chunks = []
        reason = None
        async for event in stream:
            if event.completion:
                chunks.append(event.completion)
            if event.stop_reason:
                reason = event.stop_reason
        return "".join(chunks), reason


async def main():
    streamer = Streamer()
    for question, limit in [("Why is the sky blue?", None), ("What is a prime?", 3)]:
        text, reason = await streamer.run(question, max_tokens=limit)
        label = LABELS.get(reason, reason)
        print(f"{label}: {text.strip()!r} ({len(text.split())} words)")


asyncio.run(main())
