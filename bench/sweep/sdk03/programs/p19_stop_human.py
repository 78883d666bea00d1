import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    prompt=f"{anthropic.HUMAN_PROMPT} Say hello.{anthropic.AI_PROMPT}",
    max_tokens_to_sample=30,
    stop_sequences=[anthropic.HUMAN_PROMPT],
)
print(r.completion, r.stop_reason)
