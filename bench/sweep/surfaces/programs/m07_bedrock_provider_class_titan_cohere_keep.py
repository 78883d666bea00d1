import json

import boto3


class BedrockLLM:
    def __init__(self, model_id, max_tokens=200, temperature=0.2):
        self.client = boto3.client("bedrock-runtime", region_name="us-east-1")
        self.model_id = model_id
        self.provider = model_id.split(".")[0]
        self.max_tokens = max_tokens
        self.temperature = temperature

    def _body(self, prompt):
        if self.provider == "anthropic":
            return {
                "prompt": f"\n\nHuman: {prompt}\n\nAssistant:",
                "max_tokens_to_sample": self.max_tokens,
                "temperature": self.temperature,
            }
        # KEEP-BEGIN
        if self.provider == "amazon":
            return {"inputText": f"User: {prompt}\nBot:", "textGenerationConfig": {"maxTokenCount": self.max_tokens, "temperature": self.temperature}}
        if self.provider == "cohere":
            return {"prompt": prompt, "max_tokens": self.max_tokens, "temperature": self.temperature}
        # KEEP-END
        raise ValueError(f"unsupported provider {self.provider}")

    def _text(self, payload):
        if self.provider == "anthropic":
            return payload["completion"]
        # KEEP-BEGIN
        if self.provider == "amazon":
            return payload["results"][0]["outputText"]
        if self.provider == "cohere":
            return payload["generations"][0]["text"]
        # KEEP-END
        raise ValueError(f"unsupported provider {self.provider}")

    def invoke(self, prompt):
        response = self.client.invoke_model(
            modelId=self.model_id,
            body=json.dumps(self._body(prompt)),
            accept="application/json",
            contentType="application/json",
        )
        return self._text(json.loads(response["body"].read())).strip()


for model_id in ("anthropic.claude-instant-v1", "anthropic.claude-v2:1"):
    llm = BedrockLLM(model_id, max_tokens=40)
    print(model_id, "->", llm.invoke("Give a one-line fun fact about owls."))
# KEEP-BEGIN
print(json.dumps(BedrockLLM("amazon.titan-text-express-v1")._body("hi"), sort_keys=True))
print(json.dumps(BedrockLLM("cohere.command-text-v14", max_tokens=10)._body("hi"), sort_keys=True))
# KEEP-END
