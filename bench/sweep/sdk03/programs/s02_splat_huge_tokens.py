import anthropic

client = anthropic.Anthropic()
params = {
    "model": "claude-2",
    "prompt": f"{anthropic.HUMAN_PROMPT} Write a novel.{anthropic.AI_PROMPT}",
    "max_tokens_to_sample": 100000,
}
resp = client.completions.create(**params)
print(resp.completion[:60])
