# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
response = client.completion_stream(
    prompt=f"{anthropic.HUMAN_PROMPT} Say hello in French.{anthropic.AI_PROMPT}",
    stop_sequences=[anthropic.HUMAN_PROMPT],
    max_tokens_to_sample=50,
    model="claude-v1",
    stream=True,
)
for data in response:
    print(data["completion"])
