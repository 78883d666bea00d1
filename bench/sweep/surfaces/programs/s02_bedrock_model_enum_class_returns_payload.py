import json
from enum import Enum

import boto3


class ClaudeModel(str, Enum):
    INSTANT = "anthropic.claude-instant-v1"
    V2 = "anthropic.claude-v2"
    V2_1 = "anthropic.claude-v2:1"


MAX_TOKENS = {ClaudeModel.INSTANT: 100, ClaudeModel.V2: 300, ClaudeModel.V2_1: 5}


class BedrockClaude:
    def __init__(self, model: ClaudeModel = ClaudeModel.V2, region: str = "us-east-1"):
        self.model = model
        self.client = boto3.client("bedrock-runtime", region_name=region)

    @staticmethod
    def _body(prompt: str, max_tokens: int) -> str:
        return json.dumps({"prompt": prompt, "max_tokens_to_sample": max_tokens, "temperature": 0})

    def __call__(self, question: str) -> dict:
        prompt = f"\n\nHuman: {question}\n\nAssistant:"
        resp = self.client.invoke_model(modelId=self.model.value, body=self._body(prompt, MAX_TOKENS[self.model]))
        return json.loads(resp["body"].read().decode("utf-8"))


for model in ClaudeModel:
    out = BedrockClaude(model)("Why is the sky blue?")
    print(f"{model.name:8s} {out['stop_reason']:14s} {out['completion'].strip()}")
print(BedrockClaude()("Name a bird.")["completion"].strip())
