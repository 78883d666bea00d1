from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=60,
    prompt=f"{HUMAN_PROMPT} Traduis « café » en 日本語 🙂{AI_PROMPT}",
)
print(r.completion)
