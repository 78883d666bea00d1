"""Titles for tickets."""

import anthropic

from app.prompts import build

client = anthropic.Anthropic()


def title(ticket: str) -> str:
    response = client.completions.create(
        model="claude-instant-1", max_tokens_to_sample=12, prompt=build("Give a title", ticket)
    )
    return response.completion.strip().title()
