import anthropic


def summarize(client: anthropic.Anthropic, text: str) -> str:
    result = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=60,
        prompt=f"{anthropic.HUMAN_PROMPT} Summarise: {text}{anthropic.AI_PROMPT}",
    )
    return result.completion


print(summarize(anthropic.Anthropic(), "A long day at the beach."))
