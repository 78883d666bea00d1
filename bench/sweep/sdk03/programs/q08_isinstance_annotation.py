import anthropic
from anthropic.types import Completion

client = anthropic.Anthropic()


def ask(q: str) -> Completion:
    return client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )


r = ask("Hello?")
print(isinstance(r, Completion))
print(r.completion)
