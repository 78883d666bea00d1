# migrator-fixture: sdk02
import os
import sys

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
try:
    n = 0
    for data in client.completion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} Describe a storm.{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=30,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    ):
        sys.stdout.write(data["completion"][n:])
        n = len(data["completion"])
    print()
except anthropic.ApiException as exc:
    print("failed", exc)
