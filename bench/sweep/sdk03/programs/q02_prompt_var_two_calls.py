import anthropic

client = anthropic.Anthropic()
prompt = f"{anthropic.HUMAN_PROMPT} First question: colour of grass?{anthropic.AI_PROMPT}"
a = client.completions.create(model="claude-2", prompt=prompt, max_tokens_to_sample=40)
prompt = f"{anthropic.HUMAN_PROMPT} Second question: colour of sky?{anthropic.AI_PROMPT}"
b = client.completions.create(model="claude-2", prompt=prompt, max_tokens_to_sample=40)
print(a.completion)
print(b.completion)
