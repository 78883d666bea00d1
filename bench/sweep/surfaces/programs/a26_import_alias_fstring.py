# migrator-fixture: sdk02
import os

import anthropic as ant

claude = ant.Client(os.environ["ANTHROPIC_API_KEY"])
resp = claude.completion(
    prompt=f"{ant.HUMAN_PROMPT} Name an ocean.{ant.AI_PROMPT}",
    model="claude-instant-v1",
    max_tokens_to_sample=40,
)
print(f"Claude says: {resp['completion']} ({resp['stop_reason']})")
