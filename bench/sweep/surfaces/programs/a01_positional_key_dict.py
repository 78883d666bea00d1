# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
response = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} What is the capital of France?{anthropic.AI_PROMPT}",
    stop_sequences=[anthropic.HUMAN_PROMPT],
    model="claude-v1",
    max_tokens_to_sample=100,
)
print(response["completion"])
