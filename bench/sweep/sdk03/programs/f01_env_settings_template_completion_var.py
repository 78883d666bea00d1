import os

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class Settings:
    model = os.getenv("SUMMARY_MODEL", "claude-instant-1")
    max_tokens = int(os.getenv("SUMMARY_MAX_TOKENS", "60"))
    temperature = float(os.getenv("SUMMARY_TEMPERATURE", "0.3"))


settings = Settings()
client = anthropic.Anthropic()

TEMPLATE = """{human} Summarize this text in one sentence:

<text>
{text}
</text>{ai}"""


def build_prompt(text):
    return TEMPLATE.format(human=HUMAN_PROMPT, ai=AI_PROMPT, text=text.strip())


def summarize(text, limit=None):
    completion = client.completions.create(
        model=settings.model,
        prompt=build_prompt(text),
        max_tokens_to_sample=limit or settings.max_tokens,
        temperature=settings.temperature,
        stop_sequences=[HUMAN_PROMPT],
    )
    if completion.stop_reason == "max_tokens":
        status = "truncated"
    elif completion.stop_reason == "stop_sequence":
        status = "complete"
    else:
        status = "unknown"
    return completion, status


DOCS = [
    ("The meeting moved to Thursday because the room was booked.", None),
    ("Rain is expected all week, so the picnic is postponed.", 4),
]
for doc, limit in DOCS:
    completion, status = summarize(doc, limit)
    summary = completion.completion.strip()
    print(f"[{status}] {summary}")
    print("words:", len(completion.completion.split()), "chars:", len(summary))
