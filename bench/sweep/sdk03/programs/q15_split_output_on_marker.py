from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt=f"{HUMAN_PROMPT} Greet me.{AI_PROMPT}",
)
answer = r.completion.split(HUMAN_PROMPT)[0].strip()
print(answer)
