"""Translations, written when the completions API was current."""

import anthropic

client = anthropic.Anthropic()


def translate(text: str, language: str) -> str:
    response = client.completions.create(
        model="claude-2.1",
        max_tokens_to_sample=200,
        temperature=0,
        prompt=f"{anthropic.HUMAN_PROMPT} Translate into {language}:\n{text}{anthropic.AI_PROMPT}",
    )
    return response.completion.strip()
