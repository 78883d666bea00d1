# migrator-fixture: sdk02
import os
import sys

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def stream_story(topic):
    params = {
        "prompt": f"{anthropic.HUMAN_PROMPT} Tell a two-sentence story about {topic}.{anthropic.AI_PROMPT}",
        "model": "claude-v1",
        "max_tokens_to_sample": 25,
        "stop_sequences": [anthropic.HUMAN_PROMPT],
        "stream": True,
    }
    pieces = []
    prev_len = 0
    for update in client.completion_stream(**params):
        text = update["completion"]
        delta = text[prev_len:]
        prev_len = len(text)
        if delta:
            pieces.append(delta)
            sys.stdout.write(delta)
            sys.stdout.flush()
    sys.stdout.write("\n")
    return pieces


parts = stream_story("a lighthouse")
print(len("".join(parts)))
