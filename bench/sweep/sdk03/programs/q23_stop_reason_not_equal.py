import anthropic

client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=300,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
)
if resp.stop_reason != "stop_sequence":
    print("warning: output may be truncated")
print(resp.completion)
