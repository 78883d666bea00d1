import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30000,
    prompt=f"{anthropic.HUMAN_PROMPT} Write an essay on rivers.{anthropic.AI_PROMPT}",
)
print(r.completion)
