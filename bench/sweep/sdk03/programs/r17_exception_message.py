import anthropic

client = anthropic.Anthropic(max_retries=0)
try:
    client.completions.create(
        model="claude-2",
        max_tokens_to_sample=0,
        prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    )
except anthropic.BadRequestError as e:
    print("bad request:", e.status_code)
