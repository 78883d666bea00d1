import re
from collections import Counter

import anthropic

QUESTIONS = [
    {"q": "Which planet is largest?", "choices": ["Mars", "Jupiter", "Venus", "Earth"], "answer": "B"},
    {"q": "Which gas do plants absorb?", "choices": ["Oxygen", "Helium", "CO2", "Neon"], "answer": "C"},
    {"q": "How many legs does a spider have?", "choices": ["Eight", "Six", "Ten", "Four"], "answer": "A"},
]
LETTERS = "ABCD"

client = anthropic.Anthropic()


def format_question(item):
    options = "\n".join(f"({LETTERS[i]}) {c}" for i, c in enumerate(item["choices"]))
    return (
        f"{anthropic.HUMAN_PROMPT} Answer the multiple choice question with a single letter.\n\n"
        f"{item['q']}\n{options}{anthropic.AI_PROMPT} The answer is ("
    )


def extract_letter(text):
    match = re.search(r"\b([A-D])\b", text)
    return match.group(1) if match else None


def evaluate(model, items):
    scores, reasons = [], Counter()
    for item in items:
        response = client.completions.create(
            model=model,
            prompt=format_question(item),
            max_tokens_to_sample=8,
            stop_sequences=[")", anthropic.HUMAN_PROMPT],
            temperature=0,
        )
        reasons[response.stop_reason] += 1
        pred = extract_letter(response.completion)
        scores.append(pred == item["answer"])
        print(f"{item['q'][:30]:30} pred={pred!s:5} raw={response.completion[:40]!r}")
    return sum(scores) / len(scores), reasons


for model in ["claude-instant-1.2", "claude-2.1"]:
    acc, reasons = evaluate(model, QUESTIONS)
    print(f"{model}: accuracy={acc:.2f} stops={dict(sorted(reasons.items()))}")
