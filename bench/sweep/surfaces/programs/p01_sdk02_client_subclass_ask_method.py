# migrator-fixture: sdk02
import os

import anthropic


class Claude(anthropic.Client):
    """A thin layer over the SDK client that remembers its defaults."""

    def __init__(self, api_key, model="claude-v1.3", max_tokens=120):
        super().__init__(api_key)
        self.model = model
        self.max_tokens = max_tokens
        self.calls = 0

    def ask(self, question, temperature=0.0):
        self.calls += 1
        resp = self.completion(
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            stop_sequences=[anthropic.HUMAN_PROMPT],
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
            temperature=temperature,
        )
        return resp["completion"].strip()


bot = Claude(os.environ["ANTHROPIC_API_KEY"], max_tokens=60)
for q in ("What is a closure?", "Name a prime above 50."):
    print(q, "->", bot.ask(q))
print("calls:", bot.calls)
