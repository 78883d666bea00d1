import json

import boto3


class BedrockClaudeStreamer:
    DEFAULTS = {
        "max_tokens_to_sample": 300,
        "temperature": 0.5,
        "top_p": 0.9,
        "stop_sequences": ["\n\nHuman:"],
    }

    def __init__(self, model_id="anthropic.claude-v2", region="us-east-1"):
        self.model_id = model_id
        self.client = boto3.client("bedrock-runtime", region_name=region)
        self.last_stop_reason = None

    def _body(self, prompt, **overrides):
        return json.dumps(dict(self.DEFAULTS, prompt=prompt, **overrides))

    def _chunks(self, response):
        for event in response["body"]:
            chunk = event.get("chunk")
            if chunk:
                yield json.loads(chunk["bytes"])

    def __call__(self, question, **overrides):
        response = self.client.invoke_model_with_response_stream(
            modelId=self.model_id, body=self._body(f"\n\nHuman: {question}\n\nAssistant:", **overrides)
        )
        for data in self._chunks(response):
            if data.get("stop_reason"):
                self.last_stop_reason = data["stop_reason"]
            yield from data["completion"]


streamer = BedrockClaudeStreamer()
chars = list(streamer("Give me a haiku about rain."))
print("".join(chars).strip())
print(streamer.last_stop_reason, len(chars) > 10)
short = "".join(streamer("Write an essay on clouds.", max_tokens_to_sample=5))
print(short.strip(), "|", streamer.last_stop_reason)
