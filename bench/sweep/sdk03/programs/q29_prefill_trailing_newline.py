import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=80,
    prompt=f"{anthropic.HUMAN_PROMPT} List two fruits.{anthropic.AI_PROMPT} Here is the list:\n",
)
print(repr(r.completion))
