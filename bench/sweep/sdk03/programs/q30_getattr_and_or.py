import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} Hey{anthropic.AI_PROMPT}",
)
text = r.completion or "<empty>"
words = r.completion.split()
print(text)
print(len(words))
