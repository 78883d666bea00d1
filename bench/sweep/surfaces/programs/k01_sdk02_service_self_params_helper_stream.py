# migrator-fixture: sdk02
import os

import anthropic


class Assistant:
    def __init__(self, api_key, model="claude-instant-v1"):
        self.client = anthropic.Client(api_key)
        self.model = model

    def _params(self, question, max_tokens=60):
        return {
            "prompt": f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            "model": self.model,
            "max_tokens_to_sample": max_tokens,
            "stop_sequences": [anthropic.HUMAN_PROMPT],
        }

    def ask(self, question):
        return self.client.completion(**self._params(question))["completion"].strip()

    def stream(self, question):
        seen = ""
        for event in self.client.completion_stream(**self._params(question, max_tokens=40)):
            new = event["completion"][len(seen):]
            seen = event["completion"]
            yield new

    def ask_with_reason(self, question):
        resp = self.client.completion(**self._params(question, max_tokens=5))
        return resp["completion"], resp["stop_reason"]


bot = Assistant(os.environ["ANTHROPIC_API_KEY"])
print(bot.ask("Name a large planet."))
print("|".join(bot.stream("Describe rain in one sentence.")))
text, reason = bot.ask_with_reason("Write a long essay on clouds.")
print(len(text) > 0, reason)
