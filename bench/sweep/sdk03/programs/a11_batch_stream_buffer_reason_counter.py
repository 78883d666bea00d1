import io
from collections import Counter

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

DOCS = {
    "doc-1": "Quarterly revenue rose 4% while costs stayed flat.",
    "doc-2": "The migration to the new database finished two days late because of a schema bug.",
    "doc-3": "Office closed Friday.",
}


def budget_for(text):
    return 3 if len(text.split()) > 10 else 40


def run_job(client):
    buf = io.StringIO()
    reasons = {}
    for doc_id, text in DOCS.items():
        print(f"## {doc_id}", file=buf)
        stream = client.completions.create(
            model="claude-instant-1.2",
            prompt=f"{HUMAN_PROMPT} Give a title for this note: {text}{AI_PROMPT}",
            max_tokens_to_sample=budget_for(text),
            stream=True,
        )
        for chunk in stream:
            print(chunk.completion, end="", file=buf)
            if chunk.stop_reason:
                reasons[doc_id] = chunk.stop_reason
        print(file=buf)
    return buf.getvalue(), reasons


report, reasons = run_job(Anthropic())
print(report, end="")
for reason, n in sorted(Counter(reasons.values()).items()):
    print(f"{reason}: {n}")
print("truncated:", sorted(d for d, r in reasons.items() if r == "max_tokens"))
