import anthropic


def generate(prompt, model="claude-2", max_tokens=256, temperature=0.5, stop=None):
    client = anthropic.Anthropic()
    response = client.completions.create(
        model=model,
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
        temperature=temperature,
        stop_sequences=stop or [anthropic.HUMAN_PROMPT],
    )
    return response.completion


print(generate("Name a colour."))
print(generate("Name a shape.", max_tokens=5, temperature=0.9))
