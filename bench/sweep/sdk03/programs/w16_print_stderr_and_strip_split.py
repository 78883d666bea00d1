import sys

import anthropic

client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=60,
    prompt=f"{anthropic.HUMAN_PROMPT} Two lines please.{anthropic.AI_PROMPT}",
)
lines = r.completion.strip().split("\n")
print(len(lines), lines[0])
print(r.completion, file=sys.stderr)
