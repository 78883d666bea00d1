import anthropic

client = anthropic.Anthropic()
prompt = f"{anthropic.HUMAN_PROMPT} Name a planet.{anthropic.AI_PROMPT}"
print("sending", len(prompt), "chars")
resp = client.completions.create(model="claude-2", prompt=prompt, max_tokens_to_sample=40)
log = {"prompt": prompt, "completion": resp.completion}
print(log)
