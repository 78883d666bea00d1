# migrator-fixture: sdk02
import os

import anthropic

c = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
for limit in (5, 300):
    r = c.completion(
        prompt=anthropic.HUMAN_PROMPT + " Tell me a long story about a fox." + anthropic.AI_PROMPT,
        model="claude-v1.3",
        max_tokens_to_sample=limit,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    if r["stop_reason"] == "max_tokens":
        print("truncated:", r["completion"])
    else:
        print("complete:", r["completion"])
