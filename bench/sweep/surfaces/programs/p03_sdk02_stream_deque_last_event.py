# migrator-fixture: sdk02
import collections
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def final_text(question, max_tokens=50):
    """Drain the stream; every event carries the whole text so far, keep the last."""
    events = client.completion_stream(
        prompt=anthropic.HUMAN_PROMPT + " " + question + anthropic.AI_PROMPT,
        stop_sequences=[anthropic.HUMAN_PROMPT],
        max_tokens_to_sample=max_tokens,
        model="claude-instant-1",
    )
    last = collections.deque(events, maxlen=1)[0]
    return last["completion"], last["stop_reason"]


for q, n in (("Describe a sunset in one line.", 50), ("Describe the ocean at length.", 5)):
    text, reason = final_text(q, n)
    print(f"{reason:>13} | {text.strip()}")
