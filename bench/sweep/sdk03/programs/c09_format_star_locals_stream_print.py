import sys

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

TEMPLATE = "{human} Rewrite the following text in a {tone} tone:\n\n{text}{ai}"

client = Anthropic()


def rewrite(text, tone="formal", out=sys.stdout):
    human, ai = HUMAN_PROMPT, AI_PROMPT
    prompt = TEMPLATE.format(**locals())
    n = 0
    for chunk in client.completions.create(
        prompt=prompt,
        model="claude-instant-1.2",
        max_tokens_to_sample=50,
        stream=True,
    ):
        out.write(chunk.completion)
        n += 1
    out.write("\n")
    return n


count = rewrite("hey, the thing broke again lol")
print("chunks>0:", count > 0)
rewrite("We regret to inform you of the delay.", tone="casual")
