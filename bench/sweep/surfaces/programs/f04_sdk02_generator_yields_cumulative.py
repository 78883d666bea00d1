# migrator-fixture: sdk02
import os

from anthropic import AI_PROMPT, HUMAN_PROMPT, Client

client = Client(os.environ["ANTHROPIC_API_KEY"])


def completion_texts(prompt):
    for data in client.completion_stream(
        prompt=prompt,
        model="claude-instant-v1",
        max_tokens_to_sample=40,
        stop_sequences=[HUMAN_PROMPT],
    ):
        yield data["completion"]


shown = ""
for text in completion_texts(f"{HUMAN_PROMPT} Explain what a compass does.{AI_PROMPT}"):
    print(text[len(shown):], end="", flush=True)
    shown = text
print()
print(repr(shown[-12:]))
