import anthropic

CLIENTS = {"claude": anthropic.Anthropic()}
r = CLIENTS["claude"].completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
print(r.completion)
