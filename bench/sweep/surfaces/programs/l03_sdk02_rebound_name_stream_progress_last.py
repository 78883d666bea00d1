# migrator-fixture: sdk02
import os

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

anthropic = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def stream_poem(subject, max_tokens=50, every=20):
    prompt = f"{HUMAN_PROMPT} Write a short poem about {subject}.{AI_PROMPT}"
    events = anthropic.completion_stream(
        prompt=prompt,
        model="claude-instant-v1",
        max_tokens_to_sample=max_tokens,
        temperature=0.8,
        top_k=40,
        stop_sequences=[HUMAN_PROMPT],
    )
    marks = 0
    for data in events:
        while len(data["completion"]) >= (marks + 1) * every:
            marks += 1
            print(".", end="", flush=True)
    print()
    return data["completion"]


for subject, limit in (("the moon", 50), ("a quiet harbour", 7)):
    poem = stream_poem(subject, limit)
    print(len(poem), poem.strip())
