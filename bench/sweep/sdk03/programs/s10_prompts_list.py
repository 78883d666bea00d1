import anthropic

client = anthropic.Anthropic()
prompts = [
    f"{anthropic.HUMAN_PROMPT} Capital of Chile?{anthropic.AI_PROMPT}",
    f"Answer tersely.{anthropic.HUMAN_PROMPT} Capital of Kenya?{anthropic.AI_PROMPT}",
]
for p in prompts:
    r = client.completions.create(model="claude-2", max_tokens_to_sample=20, prompt=p)
    print(r.completion)
