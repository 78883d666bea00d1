from dataclasses import dataclass

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

CANNED = {"ping": "pong"}


@dataclass
class LLMResponse:
    completion: str
    provider: str
    truncated: bool = False


class ClaudeProvider:
    def __init__(self):
        self.client = anthropic.Anthropic()

    def complete(self, prompt, max_tokens=50) -> LLMResponse:
        if prompt in CANNED:
            return LLMResponse(completion=CANNED[prompt], provider="canned")
        raw = self.client.completions.create(
            model="claude-instant-1",
            prompt=f"{HUMAN_PROMPT} {prompt}{AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
        )
        return LLMResponse(
            completion=raw.completion.strip(),
            provider="claude",
            truncated=raw.stop_reason == "max_tokens",
        )


# OPENAI-BEGIN
class OpenAIProvider:
    def __init__(self):
        import openai

        self.client = openai.OpenAI()

    def complete(self, prompt, max_tokens=50) -> LLMResponse:
        raw = self.client.completions.create(
            model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=max_tokens
        )
        choice = raw.choices[0]
        return LLMResponse(
            completion=choice.text.strip(), provider="openai", truncated=choice.finish_reason == "length"
        )
# OPENAI-END


def show(resp: LLMResponse):
    flag = " (truncated)" if resp.truncated else ""
    print(f"{resp.provider}: {resp.completion}{flag}")


PROVIDER = "claude"
provider = ClaudeProvider() if PROVIDER == "claude" else OpenAIProvider()
for p, n in [("ping", 50), ("Why do cats purr?", 50), ("Explain entropy.", 3)]:
    show(provider.complete(p, max_tokens=n))
