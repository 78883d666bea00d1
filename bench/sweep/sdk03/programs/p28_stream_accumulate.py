import anthropic

client = anthropic.Anthropic()
stream = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=200,
    prompt=f"{anthropic.HUMAN_PROMPT} Tell me a short story about a robot.{anthropic.AI_PROMPT}",
    stream=True,
)
full = ""
for chunk in stream:
    full += chunk.completion
print(full)
