import anthropic

client = anthropic.Anthropic()


def call_claude(question):
    return client.completions.create(
        model="claude-2",
        max_tokens_to_sample=100,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )


response = call_claude("What is 3 times 4?")
print(response.completion)
print(response.stop_reason)
