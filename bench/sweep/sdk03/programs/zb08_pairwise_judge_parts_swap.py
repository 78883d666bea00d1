import json

import anthropic


class PairwiseJudge:
    human = anthropic.HUMAN_PROMPT
    assistant = anthropic.AI_PROMPT
    prefill = "The better answer is ("

    def __init__(self, client, model="claude-2"):
        self.client = client
        self.model = model

    def build(self, question, first, second):
        parts = [self.human, " Compare two answers to the question.\n"]
        parts.append(f"Question: {question}\n")
        parts.append(f"(A) {first}\n(B) {second}\n")
        parts.append("Reply with the letter of the better answer.")
        parts += [self.assistant, " ", self.prefill]
        return "".join(parts)

    def judge(self, question, first, second):
        resp = self.client.completions.create(
            model=self.model, prompt=self.build(question, first, second), max_tokens_to_sample=3
        )
        return self.parse(resp)

    @staticmethod
    def parse(resp):
        head = resp.completion.strip()[:1]
        return head if head in ("A", "B") else "tie"


judge = PairwiseJudge(anthropic.Anthropic())
pairs = [
    ("Why is the sky blue?", "Rayleigh scattering.", "Because it is."),
    ("What is 2+2?", "4", "Four, obviously."),
]
records = []
for question, a, b in pairs:
    forward = judge.judge(question, a, b)
    backward = judge.judge(question, b, a)
    records.append({"q": question, "forward": forward, "backward": backward, "consistent": forward != backward or forward == "tie"})

print(json.dumps(records, indent=1, sort_keys=True))
print("consistency:", sum(r["consistent"] for r in records), "/", len(records))
