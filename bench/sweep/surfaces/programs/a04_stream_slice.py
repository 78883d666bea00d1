# migrator-fixture: sdk02
import os
import sys

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
stream = client.completion_stream(
    prompt=f"{anthropic.HUMAN_PROMPT} Write a haiku about rain.{anthropic.AI_PROMPT}",
    stop_sequences=[anthropic.HUMAN_PROMPT],
    max_tokens_to_sample=200,
    model="claude-v1",
    stream=True,
)
prev = ""
for data in stream:
    new = data["completion"][len(prev):]
    sys.stdout.write(new)
    prev = data["completion"]
print()
