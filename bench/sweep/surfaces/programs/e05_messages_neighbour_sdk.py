import anthropic

client = anthropic.Anthropic()


def old(question):
    r = client.completions.create(
        model="claude-instant-1.2",
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=50,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    return r.completion


# KEEP-BEGIN
def new(question):
    msg = client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=50,
        messages=[{"role": "user", "content": question}],
    )
    return msg.content[0].text
# KEEP-END


print(old("Name a lake."))
print(new("Name a hill."))
