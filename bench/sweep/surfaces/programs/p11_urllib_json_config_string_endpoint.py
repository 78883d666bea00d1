import json
import os
import urllib.request

# The settings used to live in claude.json next to this script.
SETTINGS = json.loads(
    """
    {
      "endpoint": "/v1/complete",
      "model": "claude-2",
      "max_tokens_to_sample": 90,
      "stop_sequences": ["\\n\\nHuman:"]
    }
    """
)


def ask(question):
    body = {"prompt": f"\n\nHuman: {question}\n\nAssistant:"}
    for key in ("model", "max_tokens_to_sample", "stop_sequences"):
        body[key] = SETTINGS[key]
    req = urllib.request.Request(
        os.environ["ANTHROPIC_BASE_URL"] + SETTINGS["endpoint"],
        data=json.dumps(body).encode(),
        headers={
            "x-api-key": os.environ["ANTHROPIC_API_KEY"],
            "anthropic-version": "2023-06-01",
            "content-type": "application/json",
        },
    )
    with urllib.request.urlopen(req) as resp:
        out = json.load(resp)
    return out["completion"]


print(ask("What does HTTP stand for?").strip())
print(ask("What does DNS stand for?").strip())
