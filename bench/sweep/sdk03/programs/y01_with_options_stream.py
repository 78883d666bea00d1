import anthropic

client = anthropic.Client()
for ev in client.with_options(timeout=15.0).completions.create(
    model="claude-2",
    max_tokens_to_sample=25,
    stream=True,
    prompt=f"{anthropic.HUMAN_PROMPT} Name a metal.{anthropic.AI_PROMPT}",
):
    print(ev.completion, end="")
print()
