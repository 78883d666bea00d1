import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=60,
    prompt="You are terse.  \n" + anthropic.HUMAN_PROMPT + " Hi" + anthropic.AI_PROMPT,
)
print(r.completion)
