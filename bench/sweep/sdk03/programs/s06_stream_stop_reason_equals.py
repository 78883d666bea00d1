import anthropic

client = anthropic.Anthropic()
done = False
for ev in client.completions.create(
    model="claude-2",
    max_tokens_to_sample=200,
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    stream=True,
):
    print(ev.completion, end="")
    if ev.stop_reason == "stop_sequence":
        done = True
print()
print("finished normally:", done)
