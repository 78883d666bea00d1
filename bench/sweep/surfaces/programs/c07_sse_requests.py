import json
import os

import requests

resp = requests.post(
    os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
    headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
    json={
        "model": "claude-2",
        "prompt": "\n\nHuman: Tell me about penguins.\n\nAssistant:",
        "max_tokens_to_sample": 80,
        "stream": True,
    },
    stream=True,
)
resp.raise_for_status()
event = None
for line in resp.iter_lines(decode_unicode=True):
    if not line:
        continue
    if line.startswith("event:"):
        event = line[len("event:"):].strip()
    elif line.startswith("data:"):
        data = json.loads(line[len("data:"):])
        if event == "completion":
            print(data["completion"], end="", flush=True)
print()
