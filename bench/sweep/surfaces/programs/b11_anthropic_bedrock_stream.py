import anthropic

client = anthropic.AnthropicBedrock()
stream = client.completions.create(
    prompt=f"{anthropic.HUMAN_PROMPT} Name two rivers.{anthropic.AI_PROMPT}",
    max_tokens_to_sample=60,
    model="anthropic.claude-instant-v1",
    stream=True,
)
for event in stream:
    print(event.completion, end="", flush=True)
print()
