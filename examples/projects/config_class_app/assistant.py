"""An assistant whose models live in `config.py`, as a class attribute and a setting."""

import anthropic

from config import Config, settings

client = anthropic.Anthropic(api_key="test-key")


def answer(question: str) -> str:
    reply = client.completions.create(
        model=Config.MODEL,
        max_tokens_to_sample=200,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    return reply.completion.strip()


def summarise(text: str) -> str:
    reply = client.completions.create(
        model=settings.summary_model,
        max_tokens_to_sample=100,
        prompt=f"{anthropic.HUMAN_PROMPT} Summarise: {text}{anthropic.AI_PROMPT}",
    )
    return reply.completion.strip()
