# migrator-fixture: sdk02
import os

import anthropic

FENCE = "```python"


def generate_code(client, task, max_tokens=50):
    prompt = f"{anthropic.HUMAN_PROMPT} Write Python code to {task}. Reply with code only.{anthropic.AI_PROMPT} {FENCE}"
    final = None
    for event in client.completion_stream(
        prompt=prompt,
        model="claude-v1.3",
        max_tokens_to_sample=max_tokens,
        stop_sequences=["```", anthropic.HUMAN_PROMPT],
    ):
        final = event
    if final is None:
        return None, False
    truncated = final["stop_reason"] == "max_tokens"
    return FENCE + final["completion"], truncated


client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
code, truncated = generate_code(client, "reverse a string")
print(code)
print("truncated:", truncated)
code, truncated = generate_code(client, "sum a list", max_tokens=4)
print(code)
print("truncated:", truncated)
