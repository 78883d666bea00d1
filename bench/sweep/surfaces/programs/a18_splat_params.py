# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
params = {
    "prompt": f"{anthropic.HUMAN_PROMPT} Capital of Spain?{anthropic.AI_PROMPT}",
    "model": "claude-v1",
    "max_tokens_to_sample": 40,
    "stop_sequences": [anthropic.HUMAN_PROMPT],
}
resp = client.completion(**params)
print(resp["completion"])
