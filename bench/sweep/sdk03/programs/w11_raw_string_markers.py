import anthropic

client = anthropic.Anthropic(max_retries=0)
try:
    r = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=20,
        prompt=r"\n\nHuman: hi\n\nAssistant:",
    )
    print(r.completion)
except anthropic.BadRequestError as e:
    print("refused", e.status_code)
