# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
resp = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Name a cheese.{anthropic.AI_PROMPT}",
    model="claude-instant-v1",
    max_tokens_to_sample=40,
)
if "completion" in resp:
    print(resp["completion"])
print(sorted(k for k in ("completion", "stop_reason") if k in resp))
