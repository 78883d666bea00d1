import anthropic

client = anthropic.Anthropic()
resp = client.with_options(max_retries=5, timeout=30.0).completions.create(
    model="claude-2",
    max_tokens_to_sample=70,
    prompt=f"{anthropic.HUMAN_PROMPT} What is a llama?{anthropic.AI_PROMPT}",
)
print(resp.completion)
