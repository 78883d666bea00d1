import re

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

MODELS = {"answer": "claude-instant-1.2", "judge": "claude-2"}
QUESTIONS = [
    "Why is the sky blue?",
    "What does a compiler do?",
]

client = anthropic.Anthropic()


def answer_and_grade(question):
    resp = client.completions.create(
        model=MODELS["answer"],
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=60,
    )
    answer = resp.completion.strip()
    judge_prompt = (
        f"{HUMAN_PROMPT} Rate the answer to the question from 1 to 10.\n\n"
        f"Question: {question}\nAnswer: {answer}\n\nReply with the number only."
        f"{AI_PROMPT} Score:"
    )
    resp = client.completions.create(
        model=MODELS["judge"],
        prompt=judge_prompt,
        max_tokens_to_sample=5,
        stop_sequences=["\n", HUMAN_PROMPT],
    )
    match = re.search(r"\d+", resp.completion)
    score = int(match.group()) if match else None
    return answer, score, resp.stop_reason


total = []
for q in QUESTIONS:
    answer, score, reason = answer_and_grade(q)
    total.append(score or 0)
    print(f"{q} | {answer[:50]!r} | score={score} ({reason})")
print("mean", sum(total) / len(total))
