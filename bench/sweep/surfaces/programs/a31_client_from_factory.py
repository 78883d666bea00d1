# migrator-fixture: sdk02
import os
import anthropic


def get_client():
    return anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


client = get_client()
r = client.completion(
    prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
    model="claude-v1",
    max_tokens_to_sample=40,
)
print(r["completion"])
