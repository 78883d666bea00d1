# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def safe_complete(text):
    try:
        result = client.completion(
            prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}",
            model="claude-v1",
            max_tokens_to_sample=80,
        )
    except anthropic.ApiException as e:
        print("API error:", e)
        return None
    return result["completion"]


print(safe_complete("Give me a synonym for happy."))
