import anthropic

HUMAN = anthropic.HUMAN_PROMPT
AI = anthropic.AI_PROMPT


def build_prompt(task, items):
    listing = "\n".join(f"- {i}" for i in items)
    return f"{HUMAN} {task}\n{listing}{AI}"


client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2",
    prompt=build_prompt("Sort these alphabetically:", ["pear", "apple", "fig"]),
    max_tokens_to_sample=100,
)
print(resp.completion)
