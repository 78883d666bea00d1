import anthropic


class Assistant:
    def __init__(self, model="claude-2", max_tokens=100):
        self.client = anthropic.Anthropic()
        self.model = model
        self.max_tokens = max_tokens

    def ask(self, q):
        r = self.client.completions.create(
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
            prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        )
        return r.completion


print(Assistant().ask("What is a harp?"))
