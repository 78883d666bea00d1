# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
r = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Name a tree.{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=40,
    stop_sequences=[anthropic.HUMAN_PROMPT, anthropic.AI_PROMPT],
)
print(r["completion"])
