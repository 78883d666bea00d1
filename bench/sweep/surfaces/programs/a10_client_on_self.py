# migrator-fixture: sdk02
import os

import anthropic


class Assistant:
    def __init__(self, model="claude-v1"):
        self.client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
        self.model = model

    def reply(self, message):
        resp = self.client.completion(
            prompt=f"{anthropic.HUMAN_PROMPT} {message}{anthropic.AI_PROMPT}",
            model=self.model,
            max_tokens_to_sample=300,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        return resp["completion"]


bot = Assistant()
print(bot.reply("What is 2 + 2?"))
