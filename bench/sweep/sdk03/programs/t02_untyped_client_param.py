import anthropic


# OPENAI-BEGIN
def generic_complete(client, prompt, model):
    result = client.completions.create(model=model, prompt=prompt, max_tokens=100)
    return result.choices[0].text
# OPENAI-END


def claude_complete(client, prompt):
    result = client.completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=100,
    )
    return result.completion


print(claude_complete(anthropic.Anthropic(), "Explain tides."))
