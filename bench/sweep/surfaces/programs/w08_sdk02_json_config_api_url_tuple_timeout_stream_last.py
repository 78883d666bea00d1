# migrator-fixture: sdk02
import json
import os

import anthropic

CONFIG_JSON = """
{
  "model": "claude-v1.2",
  "max_tokens_to_sample": 90,
  "temperature": 0.5,
  "timeout": [5, 60]
}
"""

config = json.loads(CONFIG_JSON)
config["api_url"] = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com").rstrip("/") + "/"

client = anthropic.Client(
    api_key=os.environ["ANTHROPIC_API_KEY"],
    api_url=config["api_url"],
    default_request_timeout=tuple(config["timeout"]),
)


def stream_answer(question):
    prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    last = None
    for last in client.completion_stream(
        prompt=prompt,
        model=config["model"],
        max_tokens_to_sample=config["max_tokens_to_sample"],
        temperature=config["temperature"],
        stop_sequences=[anthropic.HUMAN_PROMPT],
    ):
        pass
    if last is None:
        return "", None
    return last["completion"], last["stop_reason"]


text, reason = stream_answer("Why do cats purr?")
print(reason, "|", text.strip())
