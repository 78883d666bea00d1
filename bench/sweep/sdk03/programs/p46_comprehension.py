import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()
words = ["sun", "tree"]
rhymes = [
    client.completions.create(
        model="claude-instant-1",
        max_tokens_to_sample=20,
        prompt=f"{HUMAN_PROMPT} A word that rhymes with {w}?{AI_PROMPT}",
    ).completion
    for w in words
]
print(rhymes)
