import anthropic

client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2-100k",
    max_tokens_to_sample=100000,
    prompt=f"{anthropic.HUMAN_PROMPT} Write a long essay on bees.{anthropic.AI_PROMPT}",
)
print(resp.completion[:80])
print(resp.stop_reason)
