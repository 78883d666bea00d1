import anthropic

client = anthropic.Anthropic()


def complete(prompt, max_tokens=100):
    response = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=max_tokens,
    )
    return response.completion


print(complete(f"{anthropic.HUMAN_PROMPT} What's 1+1?{anthropic.AI_PROMPT}"))
print(complete(f"Be brief.{anthropic.HUMAN_PROMPT} What's 2+2?{anthropic.AI_PROMPT} The answer is", 20))
