import json
from dataclasses import dataclass, field

import boto3

HUMAN = "\n\nHuman:"
ASSISTANT = "\n\nAssistant:"


@dataclass
class ClaudeRequest:
    instruction: str
    context: list = field(default_factory=list)
    max_tokens: int = 250
    temperature: float = 0.4
    model_id: str = "anthropic.claude-instant-v1"

    @property
    def prompt(self):
        parts = [HUMAN, " ", self.instruction]
        for i, snippet in enumerate(self.context, 1):
            parts.append(f"\n<snippet id={i}>{snippet}</snippet>")
        parts.append(ASSISTANT)
        return "".join(parts)

    def to_body(self):
        return json.dumps(
            {
                "prompt": self.prompt,
                "max_tokens_to_sample": self.max_tokens,
                "temperature": self.temperature,
                "stop_sequences": [HUMAN],
            }
        )


class BedrockRunner:
    def __init__(self, region="us-east-1"):
        self.client = boto3.client("bedrock-runtime", region_name=region)

    def run(self, request: ClaudeRequest) -> str:
        response = self.client.invoke_model(
            modelId=request.model_id, body=request.to_body(), accept="application/json", contentType="application/json"
        )
        return json.loads(response["body"].read().decode("utf-8"))["completion"]


runner = BedrockRunner()
req = ClaudeRequest("Which snippet mentions a colour?", context=["The cat sat.", "The sky was red."])
answer = runner.run(req)
print(answer.lstrip().splitlines()[0])
print(len(answer.split()) > 0)
short = ClaudeRequest("Write a poem about rain.", max_tokens=3, model_id="anthropic.claude-v2")
print(repr(runner.run(short).strip()))
print(req.prompt.count("<snippet"))
