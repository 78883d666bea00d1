import anthropic

client = anthropic.Anthropic()
a = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt=f"{anthropic.HUMAN_PROMPT} A{anthropic.AI_PROMPT}")
b = client.completions.create(model="claude-2", max_tokens_to_sample=10, prompt=f"{anthropic.HUMAN_PROMPT} B{anthropic.AI_PROMPT}")
print(a.completion + " | " + b.completion)
