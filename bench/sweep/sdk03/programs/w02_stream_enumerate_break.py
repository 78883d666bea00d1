import anthropic

client = anthropic.Anthropic()
collected = []
for i, ev in enumerate(
    client.completions.create(
        model="claude-2",
        max_tokens_to_sample=50,
        stream=True,
        prompt=f"{anthropic.HUMAN_PROMPT} Tell me a long story about dragons.{anthropic.AI_PROMPT}",
    )
):
    collected.append(ev.completion)
    if i >= 3:
        break
print(collected)
