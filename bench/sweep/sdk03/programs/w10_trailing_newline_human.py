from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
doc = "Line one.\nLine two.\n"
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=60,
    prompt=f"{HUMAN_PROMPT}  Summarise:\n{doc}\n{AI_PROMPT}",
)
print(r.completion)
