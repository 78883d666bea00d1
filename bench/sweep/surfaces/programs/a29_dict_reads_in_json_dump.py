# migrator-fixture: sdk02
import json
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
resp = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Name a city.{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=20,
)
record = {"question": "Name a city.", "answer": resp["completion"], "stop": resp["stop_reason"]}
print(json.dumps(record, sort_keys=True))
