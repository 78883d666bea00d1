# migrator-fixture: sdk02
import os

from anthropic import AI_PROMPT, HUMAN_PROMPT, Client

c = Client(os.environ["ANTHROPIC_API_KEY"])
events = list(
    c.completion_stream(
        prompt=f"{HUMAN_PROMPT} Write a short sentence.{AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=40,
    )
)
print(events[-1]["completion"])
