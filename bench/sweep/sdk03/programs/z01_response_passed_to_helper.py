import anthropic

client = anthropic.Anthropic()


def extract(response):
    return response.completion.strip()


resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} Name a lake.{anthropic.AI_PROMPT}",
)
print(extract(resp))
