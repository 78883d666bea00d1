# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def stream_answer(q):
    seen = 0
    text = ""
    for chunk in client.completion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=8,
    ):
        text = chunk["completion"]
        print(text[seen:], end="", flush=True)
        seen = len(text)
    print()
    return text


full = stream_answer("Describe the sea.")
print(len(full))
