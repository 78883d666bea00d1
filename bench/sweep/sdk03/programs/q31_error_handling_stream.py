import anthropic

client = anthropic.Anthropic(max_retries=0)


def run(model):
    try:
        out = ""
        for ev in client.completions.create(
            model=model,
            max_tokens_to_sample=30,
            prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
            stream=True,
        ):
            out += ev.completion
        return out
    except anthropic.APIStatusError as e:
        return f"error {e.status_code}"


print(run("claude-instant-1"))
