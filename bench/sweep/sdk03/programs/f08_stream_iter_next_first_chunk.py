import time

import anthropic

client = anthropic.Anthropic()

DOCS = ["Cats sleep up to sixteen hours a day.", "Cats have five toes on the front paws."]


def render(question, docs):
    context = "\n".join(f"<doc>{d}</doc>" for d in docs)
    return (
        f"{anthropic.HUMAN_PROMPT} Use these documents:\n{context}\n\n"
        f"Question: {question}{anthropic.AI_PROMPT}"
    )


def answer(question, max_tokens=300):
    start = time.perf_counter()
    events = iter(
        client.completions.create(
            model="claude-2",
            prompt=render(question, DOCS),
            max_tokens_to_sample=max_tokens,
            temperature=0.0,
            stream=True,
        )
    )
    first = next(events)
    ttft = time.perf_counter() - start
    text, reason = first.completion, first.stop_reason
    while True:
        try:
            ev = next(events)
        except StopIteration:
            break
        text += ev.completion
        reason = ev.stop_reason or reason
    return text, reason, ttft


for q, limit in [("How long do cats sleep?", 300), ("How many toes do cats have?", 2)]:
    text, reason, ttft = answer(q, limit)
    print(repr(text.strip()), "truncated" if reason == "max_tokens" else "complete", ttft >= 0)
