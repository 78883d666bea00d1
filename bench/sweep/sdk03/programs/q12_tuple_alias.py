import anthropic

H, A = anthropic.HUMAN_PROMPT, anthropic.AI_PROMPT
client = anthropic.Anthropic()
r = client.completions.create(model="claude-2", max_tokens_to_sample=50, prompt=f"{H} Hello!{A}")
print(r.completion)
