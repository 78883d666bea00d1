import anthropic

client = anthropic.Anthropic()
results = []
for q in ["Red?", "Blue?"]:
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=20,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )
    results.append(resp.completion)
print(results)
