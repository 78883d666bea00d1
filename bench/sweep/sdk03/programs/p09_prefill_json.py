import json

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()
text = "Alice is 30 and lives in Paris."
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=400,
    prompt=f"{HUMAN_PROMPT} Extract the person as JSON from: {text}{AI_PROMPT} {{",
)
data = json.loads("{" + resp.completion)
print(sorted(data))
print(data)
