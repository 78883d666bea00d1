# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
CHUNK_BUDGET = 12

DOCUMENT = """Alpine lakes form when glaciers retreat and leave basins that fill with meltwater over centuries.

Their water is cold and clear because few nutrients reach it, so algae grow slowly all year round.

Visitors should stay on marked paths, since the shore plants recover very slowly from trampling."""


def num_tokens(text):
    try:
        return anthropic.count_tokens(text)
    except Exception:
        return len(text) // 4


def chunks(doc, budget=CHUNK_BUDGET):
    current, out = [], []
    for para in doc.split("\n\n"):
        if current and num_tokens("\n\n".join(current + [para])) > budget:
            out.append("\n\n".join(current))
            current = []
        current.append(para)
    if current:
        out.append("\n\n".join(current))
    return out


def summarize(text, max_tokens=40):
    prompt = f"{anthropic.HUMAN_PROMPT} Summarize this passage in one sentence:\n\n{text}{anthropic.AI_PROMPT}"
    resp = client.completion(prompt=prompt, model="claude-v1.3-100k", max_tokens_to_sample=max_tokens)
    return resp["completion"].strip()


parts = chunks(DOCUMENT)
print("chunks:", len(parts))
summaries = [summarize(p) for p in parts]
for s in summaries:
    print("-", s)
print("FINAL:", summarize("\n".join(summaries), max_tokens=60))
