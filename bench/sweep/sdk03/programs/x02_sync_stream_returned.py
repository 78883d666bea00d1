import anthropic

client = anthropic.Anthropic()


def start_stream(q):
    return client.completions.create(
        model="claude-2",
        max_tokens_to_sample=40,
        stream=True,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )


for ev in start_stream("Name a flower."):
    print(ev.completion, end="")
print()
