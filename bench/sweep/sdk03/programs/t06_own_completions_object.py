import anthropic


# OPENAI-BEGIN
class Completions:
    def create(self, prompt, max_tokens_to_sample=10, **kw):
        return {"text": prompt.upper()[:max_tokens_to_sample]}


class LocalLLM:
    def __init__(self):
        self.completions = Completions()


local = LocalLLM()
print(local.completions.create(prompt="hello world", max_tokens_to_sample=5))
# OPENAI-END

client = anthropic.Anthropic()
print(
    client.completions.create(
        model="claude-2", max_tokens_to_sample=20, prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}"
    ).completion
)
