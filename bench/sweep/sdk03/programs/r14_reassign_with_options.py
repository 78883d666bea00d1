import anthropic

client = anthropic.Anthropic()
client = client.with_options(timeout=20.0)
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
print(r.completion)
