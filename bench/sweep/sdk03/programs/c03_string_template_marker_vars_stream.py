import string

import anthropic

SUMMARY = string.Template(
    "${h} Here are some notes:\n\n$notes\n\nSummarise them in $n bullet points.${a}"
)
NOTES = [
    "Meeting moved to Thursday. Budget approved for Q3. Hiring freeze lifted.",
    "Server migration done. Two incidents last week; both resolved.",
]

client = anthropic.Anthropic()


def summarise(notes, n=3):
    prompt = SUMMARY.substitute(h=anthropic.HUMAN_PROMPT, a=anthropic.AI_PROMPT, notes=notes, n=n)
    stream = client.completions.create(
        model="claude-instant-1",
        prompt=prompt,
        max_tokens_to_sample=60,
        stream=True,
    )
    out = ""
    for event in stream:
        out += event.completion
    return out


for i, notes in enumerate(NOTES):
    text = summarise(notes, n=2 + i)
    print(f"[{i}] {len(text)} chars: {text.strip()[:70]}")
