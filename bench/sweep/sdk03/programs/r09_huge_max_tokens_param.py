import anthropic

client = anthropic.Anthropic()


def long_answer(q, max_tokens=100000):
    r = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=max_tokens,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )
    return r.completion


print(long_answer("Explain gravity."))
