from enum import Enum

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class Finish(Enum):
    COMPLETE = "stop_sequence"
    LENGTH = "max_tokens"


DEFAULT_MODEL = "claude-2.1"
client = anthropic.Anthropic()


def run(task, limit=60):
    resp = client.completions.create(
        model=DEFAULT_MODEL,
        prompt=HUMAN_PROMPT + " " + task + AI_PROMPT,
        max_tokens_to_sample=limit,
        stop_sequences=[HUMAN_PROMPT, "STOP"],
    )
    return resp.completion, Finish(resp.stop_reason)


tasks = [("Name a colour.", 60), ("Count to five and stop.", 60), ("Describe the sky.", 2)]
for task, limit in tasks:
    text, finish = run(task, limit)
    label = "ok" if finish is Finish.COMPLETE else "cut"
    print(f"{finish.name:8s} {label:3s} {text.strip()[:45]}")
