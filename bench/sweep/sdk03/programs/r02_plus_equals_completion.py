import anthropic

client = anthropic.Anthropic()
transcript = f"{anthropic.HUMAN_PROMPT} Tell me a riddle.{anthropic.AI_PROMPT}"
resp = client.completions.create(model="claude-2", max_tokens_to_sample=50, prompt=transcript)
transcript += resp.completion
print(transcript)
