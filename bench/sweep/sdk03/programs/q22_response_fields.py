import anthropic

client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
print(resp.type)
print(resp.id.startswith("compl_"))
print(resp.completion)
