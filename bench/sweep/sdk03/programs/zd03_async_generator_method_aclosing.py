import asyncio
from contextlib import aclosing

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic


class StreamingTutor:
    def __init__(self, model="claude-2.1", max_tokens=60):
        self.client = AsyncAnthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.finished = None

    def _prompt(self, topic, level):
        return f"{HUMAN_PROMPT} Explain {topic} to a {level} student.{AI_PROMPT}"

    async def text(self, topic, level="beginner"):
        stream = await self.client.completions.create(
            model=self.model,
            prompt=self._prompt(topic, level),
            max_tokens_to_sample=self.max_tokens,
            stream=True,
        )
        async for chunk in stream:
            if chunk.completion:
                yield chunk.completion
            if chunk.stop_reason:
                self.finished = chunk.stop_reason


async def main():
    tutor = StreamingTutor()
    for topic, level in [("entropy", "beginner"), ("monads", "graduate")]:
        words = []
        async with aclosing(tutor.text(topic, level)) as pieces:
            async for piece in pieces:
                words.append(piece)
        status = "cut" if tutor.finished == "max_tokens" else "done"
        print(f"{topic}: {''.join(words).strip()} [{status}]")
    tutor.max_tokens = 3
    first = [p async for p in tutor.text("gravity")]
    print(len(first), "".join(first).strip(), tutor.finished == "max_tokens")


asyncio.run(main())
