# migrator-fixture: sdk02
"""A tiny JSON endpoint (framework-free) that answers questions with Claude."""
import json
import os

import anthropic

_client = None
DEFAULTS = {"model": "claude-v1", "max_tokens_to_sample": 100, "temperature": 0.3}


def get_client():
    global _client
    if _client is None:
        _client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    return _client


def handle_complete(raw_body):
    try:
        body = json.loads(raw_body)
        question = body["question"]
    except (ValueError, KeyError):
        return 400, json.dumps({"error": "expected {\"question\": ...}"})
    params = dict(DEFAULTS)
    if "max_tokens" in body:
        params["max_tokens_to_sample"] = int(body["max_tokens"])
    result = get_client().completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        stop_sequences=[anthropic.HUMAN_PROMPT],
        **params,
    )
    payload = {
        "answer": result["completion"].strip(),
        "finished": result["stop_reason"] == "stop_sequence",
    }
    return 200, json.dumps(payload)


# KEEP-BEGIN
class Response:
    def __init__(self, status, text):
        self.status = status
        self.completion = json.loads(text)

    def __repr__(self):
        return f"<{self.status} {self.completion}>"
# KEEP-END


for raw in ('{"question": "What is HTTP?"}', '{"question": "Describe TCP in depth.", "max_tokens": 5}', "nope"):
    print(Response(*handle_complete(raw)))
