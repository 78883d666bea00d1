# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
SYSTEM = "You are a pirate."
resp = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} {SYSTEM}\n\nGreet me.{anthropic.AI_PROMPT}",
    model="claude-v1.3",
    max_tokens_to_sample=60,
    temperature=0.7,
    top_k=5,
    top_p=0.9,
)
print(resp["completion"].strip())
