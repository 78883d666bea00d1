# migrator-fixture: sdk02
import os

import anthropic


class Claude:
    def __init__(self, model="claude-instant-v1", max_tokens=60):
        self.client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
        self.model = model
        self.max_tokens = max_tokens

    def _prompt(self, question):
        return f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"

    def ask(self, question):
        resp = self.client.completion(
            prompt=self._prompt(question),
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        truncated = resp["stop_reason"] == "max_tokens"
        return resp["completion"].strip(), truncated

    def ask_streaming(self, question):
        last = None
        for data in self.client.completion_stream(
            prompt=self._prompt(question),
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        ):
            last = data
        return last["completion"].strip(), last["stop_reason"] == "max_tokens"


bot = Claude()
print(bot.ask("What is the capital of Peru?"))
print(bot.ask_streaming("Describe a volcano in detail."))
short = Claude(max_tokens=4)
text, cut = short.ask("Describe a glacier in detail.")
print(text, "(truncated)" if cut else "")
