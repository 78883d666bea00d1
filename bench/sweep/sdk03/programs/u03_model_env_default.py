import os

import anthropic

client = anthropic.Anthropic()
model = os.environ.get("CLAUDE_MODEL", "claude-instant-1")
r = client.completions.create(
    model=model,
    max_tokens_to_sample=30,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello{anthropic.AI_PROMPT}",
)
print(r.completion)
