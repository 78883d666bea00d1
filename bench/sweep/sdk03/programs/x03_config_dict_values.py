import anthropic

CONFIG = {"model": "claude-instant-1", "max_tokens": 50, "temperature": 0.4}
client = anthropic.Anthropic()
r = client.completions.create(
    model=CONFIG["model"],
    max_tokens_to_sample=CONFIG["max_tokens"],
    temperature=CONFIG["temperature"],
    prompt=f"{anthropic.HUMAN_PROMPT} Name a city.{anthropic.AI_PROMPT}",
)
print(r.completion)
