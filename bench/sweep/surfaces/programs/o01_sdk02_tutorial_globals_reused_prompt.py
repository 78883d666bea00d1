# migrator-fixture: sdk02
# Getting started with Claude: a walkthrough that runs top to bottom.
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
MODEL = "claude-v1"

# 1. A simple question
prompt = f"{anthropic.HUMAN_PROMPT} What is the capital of Australia?{anthropic.AI_PROMPT}"
response = client.completion(
    prompt=prompt,
    model=MODEL,
    max_tokens_to_sample=100,
    stop_sequences=[anthropic.HUMAN_PROMPT],
)
print("Example 1:", response["completion"].strip())

# 2. Giving Claude a role inside the first Human turn
prompt = (
    anthropic.HUMAN_PROMPT
    + " You are a pirate. Answer every question in pirate speak.\n\n"
    + "How is the weather today?"
    + anthropic.AI_PROMPT
)
response = client.completion(prompt=prompt, model=MODEL, max_tokens_to_sample=100, stop_sequences=[anthropic.HUMAN_PROMPT])
print("Example 2:", response["completion"].strip())

# 3. Putting words in Claude's mouth
prompt = f"{anthropic.HUMAN_PROMPT} List three fruits as a JSON array.{anthropic.AI_PROMPT} ["
response = client.completion(prompt=prompt, model=MODEL, max_tokens_to_sample=60, temperature=0)
print("Example 3:", "[" + response["completion"])

# 4. Keeping the conversation going
prompt = prompt + response["completion"] + f"{anthropic.HUMAN_PROMPT} Now add a vegetable.{anthropic.AI_PROMPT}"
response = client.completion(prompt=prompt, model=MODEL, max_tokens_to_sample=80)
print("Example 4:", response["completion"].strip())
print("words:", len(response["completion"].split()))
