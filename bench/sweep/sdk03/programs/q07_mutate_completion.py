import anthropic

client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=40,
    prompt=f"{anthropic.HUMAN_PROMPT} Start your answer with a list.{anthropic.AI_PROMPT} 1.",
)
resp.completion = "1." + resp.completion
print(resp.completion)
