import collections

import anthropic

CASES = [
    {"category": "geo", "question": "What is the capital of France?", "expected": "answer"},
    {"category": "geo", "question": "Which river flows through Cairo?", "expected": "nile"},
    {"category": "math", "question": "What is 12 times 12?", "expected": "turns"},
    {"category": "math", "question": "Is 91 prime? Say stop after.", "expected": "counting"},
]


class Evaluator:
    def __init__(self, model="claude-2", max_tokens=48):
        self.client = anthropic.Anthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.results = collections.defaultdict(list)

    def build_prompt(self, question):
        return (
            f"{anthropic.HUMAN_PROMPT} Answer the question in one short sentence.\n\n"
            f"Question: {question}{anthropic.AI_PROMPT} Answer:"
        )

    def score(self, response, case):
        text = response.completion.lower()
        return {
            "correct": case["expected"] in text,
            "complete": response.stop_reason != "max_tokens",
            "length": len(text.split()),
        }

    def run_case(self, case):
        response = self.client.completions.create(
            model=self.model,
            prompt=self.build_prompt(case["question"]),
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=[anthropic.HUMAN_PROMPT, "STOP"],
        )
        self.results[case["category"]].append(self.score(response, case))

    def summary(self):
        lines = []
        for category, rows in sorted(self.results.items()):
            acc = sum(r["correct"] for r in rows) / len(rows)
            done = sum(r["complete"] for r in rows)
            words = sum(r["length"] for r in rows)
            lines.append(f"{category}: acc={acc:.2f} complete={done}/{len(rows)} words={words}")
        return "\n".join(lines)


ev = Evaluator()
for case in CASES:
    ev.run_case(case)
print(ev.summary())
