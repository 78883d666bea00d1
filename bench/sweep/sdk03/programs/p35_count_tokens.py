# not runnable under anthropic 0.125 (client.count_tokens was removed); migration text only
import anthropic

client = anthropic.Anthropic()
prompt = f"{anthropic.HUMAN_PROMPT} Hello there{anthropic.AI_PROMPT}"
n = client.count_tokens(prompt)
print("tokens:", n)
resp = client.completions.create(model="claude-2", prompt=prompt, max_tokens_to_sample=100000 - n)
print(resp.completion)
