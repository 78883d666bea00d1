from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
prompt = f"{HUMAN_PROMPT} hi\n\nAssistant: hello!\n\nHuman: what's up?{AI_PROMPT}"
r = client.completions.create(model="claude-2", max_tokens_to_sample=60, prompt=prompt)
print(r.completion)
