import anthropic

client = anthropic.Anthropic()
ask = lambda q: client.completions.create(  # noqa: E731
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
).completion
print(ask("What is a lemon?"))
