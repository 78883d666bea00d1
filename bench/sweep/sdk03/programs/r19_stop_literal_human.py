import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt="\n\nHuman: Hi there\n\nAssistant:",
    stop_sequences=["\n\nHuman:", "\nHuman:"],
)
print(r.completion)
