import collections
import re

import anthropic

client = anthropic.Anthropic()

FEWSHOT = [
    ("Tom has 3 apples and eats one. How many are left?", "2"),
    ("A box holds 4 pens. How many pens in 2 boxes?", "8"),
]


def build_prompt(question):
    parts = ["You solve word problems. Give the final number after 'Answer:'."]
    for q, a in FEWSHOT:
        parts.append(f"\n\nHuman: {q}\n\nAssistant: Answer: {a}")
    parts.append(f"\n\nHuman: {question}\n\nAssistant:")
    return "".join(parts)


def extract(text):
    m = re.search(r"\((\d+) turns", text)
    return m.group(1) if m else None


def vote(question, samples=3):
    prompt = build_prompt(question)
    answers, reasons = [], collections.Counter()
    for i in range(samples):
        completion = client.completions.create(
            prompt=prompt,
            model="claude-instant-1",
            max_tokens_to_sample=24 + 8 * i,
            temperature=0.7,
        )
        answers.append(extract(completion.completion))
        reasons[completion.stop_reason] += 1
    best, count = collections.Counter(answers).most_common(1)[0]
    return best, count / samples, dict(reasons)


table = {}
for question in ["Sam had 10 coins and lost 3. How many remain?", "What is 6 plus 7?"]:
    table[question] = vote(question)

for question, (best, agreement, reasons) in table.items():
    print(f"{question[:30]:30} -> {best} ({agreement:.0%}) {sorted(reasons.values())}")
