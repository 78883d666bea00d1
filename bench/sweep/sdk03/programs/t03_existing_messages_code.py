import anthropic

client = anthropic.Anthropic()


# OPENAI-BEGIN
def new_style(q):
    message = client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=50,
        messages=[{"role": "user", "content": q}],
    )
    return message.content[0].text
# OPENAI-END


def old_style(q):
    completion = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=50,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )
    return completion.completion


print(old_style("What is fog?"))
