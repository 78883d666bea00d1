import anthropic

print(
    anthropic.Anthropic()
    .completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} One word for big?{anthropic.AI_PROMPT}",
    )
    .completion
)
