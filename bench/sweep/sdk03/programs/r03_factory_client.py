import anthropic


def get_client():
    return anthropic.Anthropic()


client = get_client()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} Name a mountain.{anthropic.AI_PROMPT}",
)
print(r.completion)
