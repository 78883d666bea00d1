# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(
    api_key=os.environ["ANTHROPIC_API_KEY"],
    api_url=os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com").rstrip("/") + "/",
)


def stream_reply(question, max_tokens=60):
    previous = ""
    for data in client.completion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        model="claude-v1.3-100k",
        max_tokens_to_sample=max_tokens,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    ):
        new_part = data["completion"][len(previous):]
        print(new_part, end="", flush=True)
        previous = data["completion"]
    print()
    return previous, data["stop_reason"]


for question, limit in (("What does a barometer measure?", 60), ("Explain how a barometer works.", 5)):
    text, reason = stream_reply(question, limit)
    print(len(text), reason)
