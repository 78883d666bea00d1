import os

import anthropic

MAX_TOKENS = int(os.environ.get("MAX_TOKENS", "5000"))
client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=MAX_TOKENS,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(r.completion)
