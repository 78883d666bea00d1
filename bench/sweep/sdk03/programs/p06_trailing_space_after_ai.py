import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=150,
    prompt=f"{anthropic.HUMAN_PROMPT} Give me a fun fact about owls.{anthropic.AI_PROMPT} ",
)
print(r.completion)
