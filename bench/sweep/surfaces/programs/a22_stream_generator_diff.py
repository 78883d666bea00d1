# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def stream_tokens(question):
    prev = ""
    for data in client.completion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=60,
    ):
        yield data["completion"][len(prev):]
        prev = data["completion"]


for tok in stream_tokens("Name the days of the week."):
    print(tok, end="|")
print()
