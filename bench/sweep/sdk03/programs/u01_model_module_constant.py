import anthropic

MODEL = "claude-2"
MAX_TOKENS = 200

client = anthropic.Anthropic()
resp = client.completions.create(
    model=MODEL,
    max_tokens_to_sample=MAX_TOKENS,
    prompt=f"{anthropic.HUMAN_PROMPT} Name a composer.{anthropic.AI_PROMPT}",
)
print(resp.completion)
