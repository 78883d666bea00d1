import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=40,
    prompt=f"{anthropic.HUMAN_PROMPT} Say hi.{anthropic.AI_PROMPT}",
)
print(f"Claude: {r.completion}")
