from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
name = "Bob"
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=60,
    prompt=f"{HUMAN_PROMPT} Use {{braces}}, 100% and \"quotes\" and 'apostrophes' for {name!r}{AI_PROMPT}",
)
print(r.completion)
