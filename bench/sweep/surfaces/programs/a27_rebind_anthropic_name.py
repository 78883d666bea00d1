# migrator-fixture: sdk02
import os

import anthropic

HUMAN = anthropic.HUMAN_PROMPT
AI = anthropic.AI_PROMPT
client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def ask(text):
    try:
        r = client.completion(prompt=HUMAN + " " + text + AI, model="claude-v1", max_tokens_to_sample=30)
        return r["completion"]
    except Exception as err:  # noqa: BLE001
        return f"error: {err}"


print(ask("Name a insect."))
