import anthropic


class Anthropic:
    """Our own provider wrapper."""

    def __init__(self, model="claude-2"):
        self.model = model
        self._client = anthropic.Anthropic()

    def completion(self, prompt, max_tokens=50):
        r = self._client.completions.create(
            model="claude-2",
            max_tokens_to_sample=max_tokens,
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        )
        return r.completion


llm = Anthropic()
print(llm.completion("Hello there"))
