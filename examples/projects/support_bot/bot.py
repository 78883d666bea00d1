"""A support bot that answers in JSON, its answer started by a prefill."""

import json

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()

SYSTEM = "You answer customer questions about orders."


def answer(question: str) -> dict:
    reply = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=200,
        prompt=f"{SYSTEM}{HUMAN_PROMPT} {question}\nAnswer in JSON.{AI_PROMPT} {{",
    )
    return json.loads("{" + reply.completion)
