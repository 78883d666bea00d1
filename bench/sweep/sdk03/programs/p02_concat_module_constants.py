import anthropic

client = anthropic.Anthropic()


def ask(text):
    resp = client.completions.create(
        prompt=anthropic.HUMAN_PROMPT + " " + text + anthropic.AI_PROMPT,
        model="claude-instant-1",
        max_tokens_to_sample=200,
    )
    return resp.completion


print(ask("Name three primary colours."))
print(ask("Translate 'cat' to German."))
