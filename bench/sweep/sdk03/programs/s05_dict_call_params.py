import anthropic

client = anthropic.Anthropic()
params = dict(
    model="claude-2",
    prompt=f"{anthropic.HUMAN_PROMPT} Give a tip for sleeping.{anthropic.AI_PROMPT}",
    max_tokens_to_sample=50,
    stop_sequences=[anthropic.HUMAN_PROMPT],
)
resp = client.completions.create(**params)
print(resp.completion)
print(resp.stop_reason)
