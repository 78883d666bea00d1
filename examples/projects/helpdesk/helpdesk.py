"""Prompts and answers of a help desk, written for Text Completions."""

from anthropic import AI_PROMPT, HUMAN_PROMPT


def build_prompt(question: str) -> str:
    return f"{HUMAN_PROMPT} Answer the customer in one sentence: {question}{AI_PROMPT}"


def parse(answer: str) -> str:
    return answer.strip().rstrip(".") + "."
