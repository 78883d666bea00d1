import anthropic


class Assistant:
    def __init__(self, model="claude-2"):
        self.client = anthropic.Anthropic()
        self.model = model

    def _complete(self, prompt, max_tokens=80):
        return self.client.completions.create(
            model=self.model,
            prompt=prompt,
            max_tokens_to_sample=max_tokens,
        )

    def ask(self, question):
        return self._complete(f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}").completion.strip()

    def ask_json(self, question):
        resp = self._complete(
            f"{anthropic.HUMAN_PROMPT} {question} Reply in JSON.{anthropic.AI_PROMPT} {{", max_tokens=40
        )
        return "{" + resp.completion


bot = Assistant()
print(bot.ask("What is a quasar?"))
print(bot.ask_json("Give the boiling point of water."))
