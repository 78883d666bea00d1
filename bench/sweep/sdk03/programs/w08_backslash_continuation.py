import anthropic

client = anthropic.Anthropic()


def ask(topic):
    r = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=60,
        prompt=f"{anthropic.HUMAN_PROMPT} Please write a very long \
        explanation of {topic}.{anthropic.AI_PROMPT}",
    )
    return r.completion


print(ask("clouds"))
