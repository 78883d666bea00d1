import anthropic

client = anthropic.Anthropic(max_retries=0)
try:
    r = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=20,
        prompt="Human: hello\nAssistant:",
    )
    print(r.completion)
except anthropic.BadRequestError as e:
    print("bad request", e.status_code)
