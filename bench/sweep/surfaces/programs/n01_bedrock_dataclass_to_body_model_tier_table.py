import json
import os
from dataclasses import dataclass, field

import boto3

HUMAN, ASSISTANT = "\n\nHuman:", "\n\nAssistant:"
MODELS = {
    "fast": "anthropic.claude-instant-v1",
    "smart": os.environ.get("SMART_MODEL_ID", "anthropic.claude-v2:1"),
}


@dataclass
class ClaudeRequest:
    question: str
    tier: str = "fast"
    max_tokens: int = 200
    temperature: float = 0.2
    stop_sequences: list = field(default_factory=lambda: [HUMAN])

    def prompt(self):
        return f"{HUMAN} {self.question}{ASSISTANT}"

    def to_body(self):
        return json.dumps(
            {
                "prompt": self.prompt(),
                "max_tokens_to_sample": self.max_tokens,
                "temperature": self.temperature,
                "stop_sequences": self.stop_sequences,
            }
        )


def parse_completion(raw):
    payload = json.loads(raw["body"].read())
    return payload["completion"].strip(), payload["stop_reason"]


runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
requests_ = [
    ClaudeRequest("What is a prime number?"),
    ClaudeRequest("Explain entropy at length.", tier="smart", max_tokens=5),
]
for req in requests_:
    resp = runtime.invoke_model(modelId=MODELS[req.tier], body=req.to_body())
    text, reason = parse_completion(resp)
    print(req.tier, reason, text)
