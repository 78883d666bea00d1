import anthropic

client = anthropic.Anthropic(max_retries=0)
user_input = ""
try:
    r = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=20,
        prompt=f"{anthropic.HUMAN_PROMPT} {user_input}{anthropic.AI_PROMPT}",
    )
    print(repr(r.completion))
except anthropic.BadRequestError as e:
    print("refused", e.status_code)
