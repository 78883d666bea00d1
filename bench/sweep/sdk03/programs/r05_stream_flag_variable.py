import anthropic

client = anthropic.Anthropic()


def run(question, stream=False):
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        stream=stream,
    )
    if stream:
        return "".join(c.completion for c in resp)
    return resp.completion


print(run("Hello"))
print(run("Hello again", stream=True))
