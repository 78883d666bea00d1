import anthropic

client = anthropic.Anthropic()
q = "What is 10 squared?"
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt="%s %s%s" % (anthropic.HUMAN_PROMPT, q, anthropic.AI_PROMPT),
)
print(r.completion)
