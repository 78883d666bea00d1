import anthropic

client = anthropic.Anthropic()
with client.completions.create(
    model="claude-2",
    max_tokens_to_sample=60,
    prompt=f"{anthropic.HUMAN_PROMPT} Describe a cat.{anthropic.AI_PROMPT}",
    stream=True,
) as stream:
    text = "".join(event.completion for event in stream)
print(text)
