import anthropic

client = anthropic.Anthropic()


def complete(prompt, **kwargs):
    response = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=100,
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        **kwargs,
    )
    return response.completion


print(complete("Hi"))
print(complete("Bye", temperature=0.2, stop_sequences=["\n\nHuman:", "END"]))
