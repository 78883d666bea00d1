"""Tell a short story as it is written: a program for the pre-0.3 SDK (anthropic 0.2)."""

# migrator-fixture: sdk02
import os
import sys

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def title(topic: str) -> str:
    response = client.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} Give a title for a story about {topic}{anthropic.AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=20,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    return response["completion"].strip()


def tell(topic: str) -> None:
    shown = ""
    for data in client.completion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} Tell a story about {topic}{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=200,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    ):
        # Each event holds the whole story so far: show only what is new.
        sys.stdout.write(data["completion"][len(shown) :])
        sys.stdout.flush()
        shown = data["completion"]
    print()


if __name__ == "__main__":
    print(title("a lighthouse keeper"))
    tell("a lighthouse keeper")
