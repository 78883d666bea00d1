import anthropic

client = anthropic.Anthropic()

params = {
    "model": "claude-2",
    "max_tokens_to_sample": 120,
    "prompt": f"{anthropic.HUMAN_PROMPT} Tell me a joke about cats.{anthropic.AI_PROMPT}",
    "temperature": 0.7,
}
response = client.completions.create(**params)
print(response.completion)
