import anthropic

client = anthropic.Anthropic()
stream = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    stream=True,
    prompt=f"{anthropic.HUMAN_PROMPT} Name two seas.{anthropic.AI_PROMPT}",
)
for ev in stream:
    print(f"[{ev.completion}]", end="")
print()
