from dataclasses import dataclass

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()


@dataclass
class Answer:
    question: str
    raw: object

    @property
    def text(self):
        return self.raw.completion.strip()

    @property
    def truncated(self):
        return self.raw.stop_reason == "max_tokens"


def answer(question, budget=60):
    raw = client.completions.create(
        model="claude-2",
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=budget,
        temperature=0.2,
    )
    return Answer(question, raw)


for q, budget in [("What is a fjord?", 60), ("Explain tides fully.", 4)]:
    a = answer(q, budget)
    print(f"{a.question} -> {a.text!r} truncated={a.truncated}")
