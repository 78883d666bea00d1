import json
import os

import httpx

with httpx.stream(
    "POST",
    os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
    headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
    json={"model": "claude-2", "prompt": "\n\nHuman: Name three fish.\n\nAssistant:", "max_tokens_to_sample": 40, "stream": True},
) as response:
    for line in response.iter_lines():
        if line.startswith("data:"):
            data = json.loads(line[5:])
            if "completion" in data:
                print(data["completion"], end="")
            if data.get("stop_reason"):
                print("\n[stop:", data["stop_reason"] + "]")
