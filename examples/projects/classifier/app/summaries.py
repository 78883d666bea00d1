"""One-line summaries of tickets."""

import anthropic

from app.prompts import build

client = anthropic.Anthropic()


def summarize(ticket: str) -> str:
    response = client.completions.create(
        model="claude-2", max_tokens_to_sample=60, prompt=build("Summarize in one line", ticket)
    )
    return response.completion.strip()
