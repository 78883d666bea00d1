import json

import boto3


class BedrockClaude:
    def __init__(self, model_id="anthropic.claude-instant-v1"):
        self.client = boto3.client("bedrock-runtime", region_name="us-east-1")
        self.model_id = model_id

    def generate(self, question, max_tokens=256):
        body = json.dumps(
            {
                "prompt": f"\n\nHuman: {question}\n\nAssistant:",
                "max_tokens_to_sample": max_tokens,
                "temperature": 0.1,
            }
        )
        response = self.client.invoke_model(body=body, modelId=self.model_id)
        return json.loads(response["body"].read())["completion"]


llm = BedrockClaude()
print(llm.generate("What is the boiling point of water?"))
