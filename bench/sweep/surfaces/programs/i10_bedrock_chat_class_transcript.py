import json

import boto3


class BedrockChat:
    def __init__(self, model_id="anthropic.claude-instant-v1", region="eu-central-1"):
        self.runtime = boto3.client(service_name="bedrock-runtime", region_name=region)
        self.model_id = model_id
        self.transcript = ""

    def send(self, user_text, max_tokens=80):
        self.transcript += f"\n\nHuman: {user_text}\n\nAssistant:"
        body = json.dumps(
            {
                "prompt": self.transcript,
                "max_tokens_to_sample": max_tokens,
                "top_k": 250,
                "stop_sequences": ["\n\nHuman:"],
            }
        )
        response = self.runtime.invoke_model(
            body=body, modelId=self.model_id, accept="*/*", contentType="application/json"
        )
        response_body = json.loads(response.get("body").read())
        answer = response_body.get("completion", "").strip()
        self.transcript += " " + answer
        return answer


chat = BedrockChat()
print(chat.send("Suggest a name for a cat."))
print(chat.send("Why that name?"))
print(chat.transcript.count("Human:"), len(chat.transcript))
