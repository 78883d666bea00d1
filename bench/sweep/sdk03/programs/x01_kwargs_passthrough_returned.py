import anthropic

client = anthropic.Anthropic()


def complete(**kwargs):
    return client.completions.create(**kwargs)


resp = complete(
    model="claude-2",
    max_tokens_to_sample=40,
    prompt=f"{anthropic.HUMAN_PROMPT} Name a tree.{anthropic.AI_PROMPT}",
)
print(resp.completion)
