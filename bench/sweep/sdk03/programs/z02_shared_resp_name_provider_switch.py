import anthropic

PROVIDER = "anthropic"
claude = anthropic.Anthropic()


def run(q, openai_client=None):
    if PROVIDER == "anthropic":
        resp = claude.completions.create(
            model="claude-2",
            max_tokens_to_sample=30,
            prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        )
        text = resp.completion
    else:
        # OPENAI-BEGIN
        resp = openai_client.completions.create(model="gpt-3.5-turbo-instruct", prompt=q, max_tokens=30)
        text = resp.choices[0].text
        # OPENAI-END
    return text


print(run("Name an ocean."))
