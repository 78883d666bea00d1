import anthropic

client = anthropic.Anthropic()
stream = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=20,
    stream=True,
    prompt=f"{anthropic.HUMAN_PROMPT} Say hello.{anthropic.AI_PROMPT}",
)
for ev in stream:
    print(repr(ev.completion))
