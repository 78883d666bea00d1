"""Summaries of documents, written when the completions API was current."""

import anthropic

client = anthropic.Anthropic()


def summarize(text: str) -> str:
    response = client.completions.create(
        model="claude-2.1",
        max_tokens_to_sample=300,
        prompt=f"{anthropic.HUMAN_PROMPT} Summarize in one sentence:\n{text}{anthropic.AI_PROMPT}",
    )
    return response.completion.strip()


def was_cut_off(text: str) -> bool:
    response = client.completions.create(
        model="claude-2.1",
        max_tokens_to_sample=20,
        prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}",
    )
    return response.stop_reason == "max_tokens"
