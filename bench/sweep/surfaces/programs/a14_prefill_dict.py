# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
r = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Return a JSON object with a key 'animal'.{anthropic.AI_PROMPT} {{",
    model="claude-v1.3",
    max_tokens_to_sample=100,
)
print("{" + r["completion"])
