from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
for event in client.completions.create(
    prompt=f"{HUMAN_PROMPT} Count from one to five in words.{AI_PROMPT}",
    max_tokens_to_sample=50,
    model="claude-instant-1",
    stream=True,
):
    print(event.completion, end="", flush=True)
print()
