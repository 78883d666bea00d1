import anthropic

client = anthropic.Anthropic()


def ask(q):
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=300,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )
    return resp.completion, resp.stop_reason == "max_tokens"


text, truncated = ask("Why?")
print(text, truncated)
