# migrator-fixture: requests-unordered
import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic

QUESTIONS = ["What is a comet?", "Why do leaves fall?", "What is basalt?"]


class ClaudeStreamer:
    def __init__(self, model="claude-2", max_tokens=80):
        self.client = AsyncAnthropic()
        self.model = model
        self.max_tokens = max_tokens

    def _prompt(self, question):
        return f"{HUMAN_PROMPT} {question}{AI_PROMPT}"

    async def astream(self, question):
        response = await self.client.completions.create(
            model=self.model,
            prompt=self._prompt(question),
            max_tokens_to_sample=self.max_tokens,
            stream=True,
        )
        async for data in response:
            if data.completion:
                yield data.completion


async def collect(streamer, question):
    tokens = []
    async for token in streamer.astream(question):
        tokens.append(token)
    return question, "".join(tokens)


async def main():
    streamer = ClaudeStreamer(max_tokens=12)
    results = await asyncio.gather(*(collect(streamer, q) for q in QUESTIONS))
    for question, text in results:
        print(f"{question} -> {text.strip()}")


asyncio.run(main())
