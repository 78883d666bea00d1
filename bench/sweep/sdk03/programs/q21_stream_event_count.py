import anthropic

client = anthropic.Anthropic()
events = list(
    client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} Say three words.{anthropic.AI_PROMPT}",
        stream=True,
    )
)
print("".join(e.completion for e in events))
print(events[-1].stop_reason)
