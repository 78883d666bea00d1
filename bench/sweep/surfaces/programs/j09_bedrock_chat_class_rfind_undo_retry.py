import json

import boto3

HUMAN, ASSISTANT = "\n\nHuman:", "\n\nAssistant:"


class ClaudeChat:
    def __init__(self, system="", model_id="anthropic.claude-v2"):
        self.bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
        self.model_id = model_id
        self.history = system

    def _complete(self):
        body = json.dumps(
            {"prompt": self.history + ASSISTANT, "max_tokens_to_sample": 50, "stop_sequences": [HUMAN]}
        )
        resp = self.bedrock.invoke_model(modelId=self.model_id, body=body)
        return json.loads(resp["body"].read())["completion"].strip()

    def send(self, text):
        self.history += f"{HUMAN} {text}"
        reply = self._complete()
        self.history += f"{ASSISTANT} {reply}"
        return reply

    def undo(self):
        cut = self.history.rfind(HUMAN)
        last_user = self.history[cut + len(HUMAN):].split(ASSISTANT)[0].strip()
        self.history = self.history[:cut]
        return last_user

    def retry(self):
        return self.send(self.undo())


chat = ClaudeChat(system="You are a terse travel agent.")
print(chat.send("Suggest a city for a weekend trip."))
print(chat.send("What should I eat there?"))
print(chat.undo())
print(chat.send("What museum should I visit?"))
print(chat.retry())
print(chat.history.count(HUMAN), chat.history.count(ASSISTANT))
