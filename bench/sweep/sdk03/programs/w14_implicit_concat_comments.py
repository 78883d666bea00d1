import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=60,
    prompt=(
        anthropic.HUMAN_PROMPT  # the user turn
        + " You are a critic. "  # role
        "Review the film Up."  # task
        + anthropic.AI_PROMPT
    ),
)
print(r.completion)
