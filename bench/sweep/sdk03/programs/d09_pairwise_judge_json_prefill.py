import json
import textwrap
from collections import Counter

import anthropic

JUDGE_TEMPLATE = textwrap.dedent(
    """\
    {human} You are an impartial judge. Compare the two answers to the question.

    Question: {question}

    Answer A: {a}

    Answer B: {b}

    Respond with JSON of the form {{"winner": "A" | "B" | "tie"}}.{ai} {{"winner": \""""
)

PAIRS = [
    ("What is 2+2?", "4", "Four, obviously."),
    ("Name a primary colour.", "Red", "Green"),
    ("Capital of Japan?", "Kyoto", "Tokyo"),
]


def judge(client, question, a, b):
    prompt = JUDGE_TEMPLATE.format(human=anthropic.HUMAN_PROMPT, ai=anthropic.AI_PROMPT, question=question, a=a, b=b)
    resp = client.completions.create(model="claude-2.0", prompt=prompt, max_tokens_to_sample=100, temperature=0)
    raw = '{"winner": "' + resp.completion
    try:
        verdict = json.loads(raw)
    except json.JSONDecodeError:
        return "invalid", raw
    return verdict.get("winner", "invalid")[:12], raw


client = anthropic.Anthropic()
tally = Counter()
for question, a, b in PAIRS:
    winner, raw = judge(client, question, a, b)
    tally[winner] += 1
    print(f"{question!r}: {winner} ({len(raw)} chars)")
print(dict(tally))
