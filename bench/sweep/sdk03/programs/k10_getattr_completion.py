import anthropic

client = anthropic.Anthropic()


def ask(question, budget):
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=budget,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    text = getattr(resp, "completion")
    if getattr(resp, "stop_reason", None) == "max_tokens":
        text += "..."
    return text


print(ask("What is a delta?", 100))
print(ask("What is an estuary?", 4))
