import anthropic

client = anthropic.Client()
text = client.completions.create(
    model="claude-1",
    max_tokens_to_sample=40,
    prompt=f"{anthropic.HUMAN_PROMPT} Spell 'cat' backwards.{anthropic.AI_PROMPT}",
).completion
print(text.upper())
