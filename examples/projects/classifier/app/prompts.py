"""Prompts of the app, written in the Text Completions format."""

from anthropic import AI_PROMPT, HUMAN_PROMPT


def build(task: str, text: str) -> str:
    return f"{HUMAN_PROMPT} {task}:\n{text}{AI_PROMPT}"
