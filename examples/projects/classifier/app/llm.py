"""Labels for support tickets."""

import anthropic

LABELS = ("billing", "shipping", "other")

client = anthropic.Anthropic()


def classify(ticket: str) -> str:
    prompt = (
        f"{anthropic.HUMAN_PROMPT} Label this ticket as one of {', '.join(LABELS)}.\n"
        f"Ticket: {ticket}{anthropic.AI_PROMPT}"
    )
    result = client.completions.create(model="claude-instant-1.2", max_tokens_to_sample=5, prompt=prompt)
    label = result.completion.strip().lower()
    return label if label in LABELS else "other"
