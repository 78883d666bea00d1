import anthropic

client = anthropic.Anthropic()
stream = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=4,
    prompt=f"{anthropic.HUMAN_PROMPT} Tell me about the sea.{anthropic.AI_PROMPT}",
    stream=True,
)
text = ""
last = None
for event in stream:
    text += event.completion
    last = event
print(text)
print(last.stop_reason)
