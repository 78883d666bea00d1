import anthropic


class LLM:
    def __init__(self, use_claude):
        if use_claude:
            self.client = anthropic.Anthropic()
        else:
            self.client = None

    def complete(self, text):
        r = self.client.completions.create(
            model="claude-2",
            prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=64,
        )
        return r.completion


print(LLM(True).complete("Hello"))
