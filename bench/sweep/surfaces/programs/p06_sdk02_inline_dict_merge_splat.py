# migrator-fixture: sdk02
import os

import anthropic

DEFAULTS = {
    "model": "claude-v1",
    "max_tokens_to_sample": 200,
    "temperature": 0.2,
    "stop_sequences": [anthropic.HUMAN_PROMPT],
}

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def run(prompt, **overrides):
    response = client.completion(**{**DEFAULTS, "prompt": prompt, **overrides})
    return response["completion"]


q1 = f"{anthropic.HUMAN_PROMPT} Suggest a name for a bakery.{anthropic.AI_PROMPT}"
q2 = f"{anthropic.HUMAN_PROMPT} Suggest a name for a bookshop, and say stop.{anthropic.AI_PROMPT}"
print(run(q1).strip())
print(run(q2, max_tokens_to_sample=30, stop_sequences=[anthropic.HUMAN_PROMPT, "STOP"]).strip())
