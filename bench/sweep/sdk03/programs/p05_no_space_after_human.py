import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()
doc = "The quick brown fox jumps over the lazy dog."
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=150,
    prompt=f"{HUMAN_PROMPT}Count the words in: {doc}{AI_PROMPT}",
)
print(repr(r.completion))
