import anthropic

client = anthropic.Anthropic()
params = {
    "model": "claude-2",
    "prompt": f"{anthropic.HUMAN_PROMPT} Tell me about stars.{anthropic.AI_PROMPT}",
    "max_tokens_to_sample": 40,
    "stream": True,
}
text = ""
for chunk in client.completions.create(**params):
    text += chunk.completion
print(text)
