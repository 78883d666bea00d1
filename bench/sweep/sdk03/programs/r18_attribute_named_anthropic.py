import anthropic


class Service:
    def __init__(self):
        self.anthropic = anthropic.Anthropic()

    def ask(self, q):
        try:
            r = self.anthropic.completions.create(
                model="claude-instant-1",
                max_tokens_to_sample=30,
                prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
            )
            return r.completion
        except anthropic.APIError:
            return "error"


print(Service().ask("Ping?"))
