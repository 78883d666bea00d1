# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
last = None
for event in client.completion_stream(
    prompt=f"{anthropic.HUMAN_PROMPT} List four planets.{anthropic.AI_PROMPT}",
    model="claude-v1.3-100k",
    max_tokens_to_sample=120,
):
    last = event
print(last["completion"])
print(last["stop_reason"])
