import anthropic

client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    temperature=0.0,
    top_p=0.9,
    top_k=40,
    prompt=f"{anthropic.HUMAN_PROMPT} Pick a number.{anthropic.AI_PROMPT}",
)
print(resp.completion)
