import anthropic

HUMAN = "\n\nHuman:"
ASSISTANT = "\n\nAssistant:"
client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt=f"{HUMAN} What's the boiling point of water?{ASSISTANT}",
    stop_sequences=[HUMAN],
)
print(r.completion)
