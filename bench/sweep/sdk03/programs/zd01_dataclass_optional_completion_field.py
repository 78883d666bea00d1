from dataclasses import dataclass, field
from typing import Optional

import anthropic
from anthropic.types import Completion

client = anthropic.Anthropic()


@dataclass
class Turn:
    question: str
    response: Optional[Completion] = None
    tags: list = field(default_factory=list)

    @property
    def answer(self) -> str:
        return self.response.completion.strip() if self.response else ""

    @property
    def truncated(self) -> bool:
        return self.response is not None and self.response.stop_reason == "max_tokens"


def run(turn: Turn, budget: int = 50) -> Turn:
    turn.response = client.completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {turn.question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=budget,
    )
    if turn.truncated:
        turn.tags.append("cut")
    return turn


turns = [run(Turn("What is a lemma?")), run(Turn("Prove it at length."), budget=4), Turn("unsent")]
for t in turns:
    print(f"{t.question:<22} {t.answer!r} tags={t.tags}")
print(sum(len(t.answer) for t in turns))
