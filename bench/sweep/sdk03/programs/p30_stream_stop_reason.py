import anthropic

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=5,
    prompt=f"{anthropic.HUMAN_PROMPT} Describe a sunset at great length.{anthropic.AI_PROMPT}",
    stream=True,
)
parts = []
for data in response:
    parts.append(data.completion)
    if data.stop_reason == "max_tokens":
        print("[hit the limit]")
    elif data.stop_reason is not None:
        print("[stopped:", data.stop_reason + "]")
print("".join(parts))
