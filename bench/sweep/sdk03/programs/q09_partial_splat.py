import anthropic


class Claude:
    def __init__(self, **params):
        self.client = anthropic.Anthropic()
        self.params = {"model": "claude-2", "max_tokens_to_sample": 100}
        self.params.update(params)

    def __call__(self, question):
        response = self.client.completions.create(
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            **self.params,
        )
        return response.completion


print(Claude(temperature=0.1)("What is ice?"))
