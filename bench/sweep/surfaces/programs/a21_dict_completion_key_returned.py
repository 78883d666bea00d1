# migrator-fixture: sdk02
import os

import anthropic


def get_client():
    return anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])


def run(question):
    client = get_client()
    return client.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        model="claude-v1.3",
        max_tokens_to_sample=64,
    )


print(run("Name a spice.")["completion"])
