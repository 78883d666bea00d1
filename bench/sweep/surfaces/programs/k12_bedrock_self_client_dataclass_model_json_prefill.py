import json
from dataclasses import dataclass

import boto3

BEDROCK_KWARGS = {"service_name": "bedrock-runtime", "region_name": "us-east-1"}


@dataclass
class ModelConfig:
    model_id: str = "anthropic.claude-v2"
    max_tokens: int = 120


class Extractor:
    def __init__(self, config=ModelConfig()):
        self.client = boto3.client(**BEDROCK_KWARGS)
        self.config = config

    def _prompt(self, text):
        return (
            "\n\nHuman: Extract the person's name and age as JSON with keys name and age.\n"
            f"<text>{text}</text>\n\nAssistant: {{"
        )

    def extract(self, text):
        body = json.dumps({"prompt": self._prompt(text), "max_tokens_to_sample": self.config.max_tokens})
        resp = self.client.invoke_model(modelId=self.config.model_id, body=body)
        raw = json.loads(resp["body"].read())["completion"]
        try:
            return json.loads("{" + raw)
        except json.JSONDecodeError:
            return {"raw": raw[:30]}


ex = Extractor()
print(ex.extract("Alice is 31 years old."))
print(ex.extract("Bob, aged 45, lives in Oslo."))
