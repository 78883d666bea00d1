import functools

import anthropic

client = anthropic.Anthropic()
complete = functools.partial(
    client.completions.create,
    model="claude-instant-1.2",
    max_tokens_to_sample=40,
    stop_sequences=[anthropic.HUMAN_PROMPT],
)

for word in ("ephemeral", "laconic"):
    resp = complete(prompt=f"{anthropic.HUMAN_PROMPT} Define {word}.{anthropic.AI_PROMPT}")
    print(word, "-", resp.completion.strip())
