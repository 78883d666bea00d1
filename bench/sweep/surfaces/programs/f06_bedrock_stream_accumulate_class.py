import json

import boto3


class StreamingClaude:
    def __init__(self, model_id="anthropic.claude-instant-v1"):
        self.runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
        self.model_id = model_id

    def stream(self, question):
        response = self.runtime.invoke_model_with_response_stream(
            modelId=self.model_id,
            body=json.dumps(
                {
                    "prompt": f"\n\nHuman: {question}\n\nAssistant:",
                    "max_tokens_to_sample": 60,
                    "stop_sequences": ["\n\nHuman:"],
                }
            ),
            contentType="application/json",
            accept="application/json",
        )
        answer = ""
        finished = False
        stream = response.get("body")
        if stream:
            for event in stream:
                chunk = event.get("chunk")
                if chunk:
                    data = json.loads(chunk.get("bytes").decode())
                    answer += data["completion"]
                    if data.get("stop_reason") is not None:
                        finished = True
        return answer, finished


text, done = StreamingClaude().stream("Describe a sunrise in one sentence.")
print(text)
print("finished:", done)
