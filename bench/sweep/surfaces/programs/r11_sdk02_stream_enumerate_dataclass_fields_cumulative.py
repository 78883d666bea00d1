# migrator-fixture: sdk02
import os
import sys
from dataclasses import dataclass, field
from typing import List, Optional

import anthropic


@dataclass
class Answer:
    question: str
    text: str = ""
    stop_reason: Optional[str] = None
    updates: int = 0
    widths: List[int] = field(default_factory=list)


def stream_answer(client, question, max_tokens=60):
    ans = Answer(question)
    stream = client.completion_stream(
        prompt=anthropic.HUMAN_PROMPT + " " + question + anthropic.AI_PROMPT,
        model="claude-instant-v1.1",
        max_tokens_to_sample=max_tokens,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    for i, data in enumerate(stream):
        ans.text = data["completion"]
        ans.stop_reason = data["stop_reason"]
        ans.updates = i + 1
        if i % 4 == 0:
            ans.widths.append(len(ans.text))
    return ans


client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
for q, n in (("What is a comet?", 60), ("Describe Saturn's rings at length.", 5)):
    a = stream_answer(client, q, n)
    sys.stdout.write(f"{a.stop_reason}: {a.text.strip()}\n")
    print(" several updates:", a.updates > 1, "widths grow:", a.widths == sorted(a.widths))
