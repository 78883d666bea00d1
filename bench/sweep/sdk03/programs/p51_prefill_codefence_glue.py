import anthropic

client = anthropic.Anthropic()
PREFIX = "```python\n"
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=120,
    prompt=f"{anthropic.HUMAN_PROMPT} Write a function that adds two numbers.{anthropic.AI_PROMPT} {PREFIX}",
    stop_sequences=["```"],
)
code = PREFIX + resp.completion
print(code)
print(resp.stop_reason)
