# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
response = client.completion_stream(
    prompt=f"{anthropic.HUMAN_PROMPT} Write a sentence about tea.{anthropic.AI_PROMPT}",
    stop_sequences=[anthropic.HUMAN_PROMPT],
    max_tokens_to_sample=200,
    model="claude-v1",
)
completion = ""
for data in response:
    completion = data["completion"]
print(completion)
