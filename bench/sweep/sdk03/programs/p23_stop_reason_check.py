import anthropic

client = anthropic.Anthropic()


def run(max_tokens):
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=max_tokens,
        prompt=f"{anthropic.HUMAN_PROMPT} Describe the ocean in detail.{anthropic.AI_PROMPT}",
    )
    if resp.stop_reason == "max_tokens":
        print("truncated:", resp.completion)
    elif resp.stop_reason == "stop_sequence":
        print("complete:", resp.completion)
    else:
        print("other", resp.stop_reason)


run(3)
run(500)
