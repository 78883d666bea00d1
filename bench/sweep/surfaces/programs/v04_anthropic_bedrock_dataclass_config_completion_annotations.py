import os
from dataclasses import dataclass, field

from anthropic import AI_PROMPT, HUMAN_PROMPT, AnthropicBedrock
from anthropic.types import Completion


@dataclass
class BedrockSettings:
    region: str = os.environ.get("AWS_REGION", "us-east-1")
    model: str = os.environ.get("CLAUDE_MODEL", "anthropic.claude-v2:1")
    max_tokens: int = 300
    temperature: float = 0.3
    stop: list = field(default_factory=lambda: [HUMAN_PROMPT])


class Summarizer:
    def __init__(self, settings: BedrockSettings):
        self.settings = settings
        self.client = AnthropicBedrock(aws_region=settings.region)

    def _complete(self, prompt: str, max_tokens: int | None = None) -> Completion:
        return self.client.completions.create(
            model=self.settings.model,
            prompt=prompt,
            max_tokens_to_sample=max_tokens or self.settings.max_tokens,
            temperature=self.settings.temperature,
            stop_sequences=self.settings.stop,
        )

    def summarize(self, document: str, max_tokens: int | None = None) -> dict:
        prompt = f"{HUMAN_PROMPT} Summarize the following document in two sentences.\n\n{document}{AI_PROMPT}"
        completion = self._complete(prompt, max_tokens)
        assert isinstance(completion, Completion)
        return {
            "summary": completion.completion.strip(),
            "cut_off": completion.stop_reason == "max_tokens",
        }


DOCS = [
    "The city council voted to extend the bike lane network by 40 km over the next three years.",
    "A new species of frog was discovered in the cloud forests of Ecuador last spring.",
]
summarizer = Summarizer(BedrockSettings())
for doc in DOCS:
    print(summarizer.summarize(doc))
print(summarizer.summarize(DOCS[0], max_tokens=3))
