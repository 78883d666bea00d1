import anthropic

client = anthropic.Anthropic()


def stream_with_status(question, budget):
    text, reason = "", None
    for ev in client.completions.create(
        model="claude-2",
        max_tokens_to_sample=budget,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        stream=True,
    ):
        text += ev.completion
        if ev.stop_reason is not None:
            reason = ev.stop_reason
    return text, reason == "max_tokens"


for budget in (3, 100):
    text, truncated = stream_with_status("Explain tides to a child.", budget)
    print(budget, truncated, text)
