import anthropic

client = anthropic.Anthropic()
topic = "the moon"
completion = client.completions.create(
    model="claude-v1",
    max_tokens_to_sample=256,
    prompt=f"\n\nHuman: Write a haiku about {topic}.\n\nAssistant:",
)
print(completion.completion.strip())
