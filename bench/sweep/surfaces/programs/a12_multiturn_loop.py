# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
history = [("Hi there", "Hello! How can I help?"), ("What's 3*3?", "9")]
prompt = ""
for user, bot in history:
    prompt += f"{anthropic.HUMAN_PROMPT} {user}{anthropic.AI_PROMPT} {bot}"
prompt += f"{anthropic.HUMAN_PROMPT} And 4*4?{anthropic.AI_PROMPT}"
resp = client.completion(prompt=prompt, model="claude-v1", max_tokens_to_sample=40)
print(resp["completion"])
