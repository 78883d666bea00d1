"""An assistant whose model and request settings live in `settings.py`."""

import anthropic

from settings import MODEL, PARAMS

client = anthropic.Anthropic(api_key="test-key")


def answer(question: str) -> str:
    reply = client.completions.create(
        model=MODEL,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        **PARAMS,
    )
    return reply.completion.strip()
