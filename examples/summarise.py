"""Summarise a short document in the voice of a careful editor."""

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

DOCUMENT = """The city council met on Tuesday to discuss the new bike lanes.
Most members supported the plan; two asked for a cost review first."""

client = anthropic.Anthropic()


def summarise(text: str) -> str:
    response = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=300,
        temperature=0.3,
        stop_sequences=[HUMAN_PROMPT],
        prompt=f"You are a careful editor who writes plain English.{HUMAN_PROMPT} Summarise this:\n\n{text}{AI_PROMPT}",
    )
    return response.completion.strip()


if __name__ == "__main__":
    print(summarise(DOCUMENT))
