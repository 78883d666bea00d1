from dataclasses import dataclass

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


@dataclass
class Item:
    question: str
    options: list
    gold: str


DATASET = [
    Item("Which planet is largest?", ["Mars", "Jupiter", "Venus"], "B"),
    Item("What is 2 + 2?", ["4", "5", "22"], "A"),
    Item("Which gas do plants absorb?", ["Oxygen", "Helium", "Carbon dioxide"], "C"),
]


class MultipleChoiceEval:
    PROMPT = (
        HUMAN_PROMPT
        + " Answer the question with the letter of the right option.\n\n{question}\n{options}"
        + AI_PROMPT
        + " The answer is ("
    )

    def __init__(self, client, model="claude-2", max_tokens=3):
        self.client = client
        self.model = model
        self.max_tokens = max_tokens

    def format_options(self, options):
        return "\n".join(f"({chr(65 + i)}) {opt}" for i, opt in enumerate(options))

    def predict(self, item):
        response = self.client.completions.create(
            model=self.model,
            prompt=self.PROMPT.format(question=item.question, options=self.format_options(item.options)),
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=[")"],
        )
        return response.completion.strip()[:1].upper()

    def run(self, dataset):
        scores = []
        for item in dataset:
            pred = self.predict(item)
            scores.append(pred == item.gold)
            print(f"{item.question!r}: pred={pred!r} gold={item.gold} {'ok' if scores[-1] else 'miss'}")
        return sum(scores) / len(scores)


harness = MultipleChoiceEval(anthropic.Anthropic())
print(f"accuracy={harness.run(DATASET):.2f}")
