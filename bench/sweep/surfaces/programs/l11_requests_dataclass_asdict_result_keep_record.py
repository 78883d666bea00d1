import json
import os
from dataclasses import asdict, dataclass, field

import requests

HUMAN_PROMPT = "\n\nHuman:"
AI_PROMPT = "\n\nAssistant:"


@dataclass
class CompletionRequest:
    prompt: str
    model: str = "claude-instant-1"
    max_tokens_to_sample: int = 60
    temperature: float = 0.0
    stop_sequences: list = field(default_factory=lambda: [HUMAN_PROMPT])


@dataclass
class CompletionResult:
    text: str
    stop_reason: str


def send(req: CompletionRequest) -> CompletionResult:
    r = requests.post(
        os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete",
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        json=asdict(req),
        timeout=30,
    )
    r.raise_for_status()
    body = r.json()
    return CompletionResult(text=body["completion"].strip(), stop_reason=body["stop_reason"])


# KEEP-BEGIN
def to_record(question, result):
    return {"prompt": question, "completion": result.text, "truncated": result.stop_reason == "max_tokens"}
# KEEP-END


for q in ("What is a haiku?", "Write a long ballad about the sea."):
    req = CompletionRequest(prompt=f"{HUMAN_PROMPT} {q}{AI_PROMPT}")
    if "ballad" in q:
        req.max_tokens_to_sample = 6
    print(json.dumps(to_record(q, send(req)), sort_keys=True))
