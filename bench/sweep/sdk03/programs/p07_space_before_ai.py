from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
q = "Is 17 prime?"
prompt = HUMAN_PROMPT + " " + q + " " + AI_PROMPT
result = client.completions.create(model="claude-instant-1.2", max_tokens_to_sample=50, prompt=prompt)
print(result.completion)
