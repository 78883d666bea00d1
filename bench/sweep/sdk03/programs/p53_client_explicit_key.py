import os

import anthropic

client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])
prompt = anthropic.HUMAN_PROMPT + " Give me a word that starts with Z." + anthropic.AI_PROMPT
result = client.completions.create(prompt=prompt, model="claude-v1", max_tokens_to_sample=30, stop_sequences=[anthropic.HUMAN_PROMPT])
print(result.completion)
print(result.model)
