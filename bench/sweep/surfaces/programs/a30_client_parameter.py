# migrator-fixture: sdk02
import os
import anthropic


def ask(client, q):
    resp = client.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=40,
    )
    return resp["completion"]


if __name__ == "__main__":
    c = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    print(ask(c, "Hi"))
