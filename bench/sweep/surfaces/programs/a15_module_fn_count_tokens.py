# migrator-fixture: sdk02
import os

import anthropic

API_KEY = os.environ["ANTHROPIC_API_KEY"]


def complete(prompt, model="claude-v1", max_tokens=150):
    c = anthropic.Client(API_KEY)
    response = c.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        model=model,
        max_tokens_to_sample=max_tokens,
        stop_sequences=[anthropic.HUMAN_PROMPT, anthropic.AI_PROMPT],
    )
    return response["completion"], response["stop_reason"]


text, reason = complete("Spell 'banana'.")
print(text)
print(reason)
