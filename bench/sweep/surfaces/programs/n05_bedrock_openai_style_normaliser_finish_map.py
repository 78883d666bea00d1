import json

import boto3

CONFIG = {"provider": "bedrock", "model": "anthropic.claude-v2", "max_tokens": 60, "region": "us-east-1"}
FINISH_REASONS = {"stop_sequence": "stop", "max_tokens": "length"}


def to_prompt(messages):
    prompt = ""
    for m in messages:
        role = "Human" if m["role"] == "user" else "Assistant"
        prompt += f"\n\n{role}: {m['content']}"
    return prompt + "\n\nAssistant:"


def normalise(raw):
    data = json.loads(raw["body"].read())
    return {
        "choices": [
            {
                "text": data["completion"].strip(),
                "finish_reason": FINISH_REASONS.get(data["stop_reason"], data["stop_reason"]),
            }
        ]
    }


class ChatCompletion:
    def __init__(self, config):
        self.config = config
        self.runtime = boto3.client("bedrock-runtime", region_name=config["region"])

    def create(self, messages, max_tokens=None):
        body = {
            "prompt": to_prompt(messages),
            "max_tokens_to_sample": max_tokens or self.config["max_tokens"],
            "stop_sequences": ["\n\nHuman:"],
        }
        raw = self.runtime.invoke_model(modelId=self.config["model"], body=json.dumps(body))
        return normalise(raw)


chat = ChatCompletion(CONFIG)
history = [{"role": "user", "content": "Name a planet."}]
first = chat.create(history)["choices"][0]
print(first["finish_reason"], first["text"])
history += [{"role": "assistant", "content": first["text"]}, {"role": "user", "content": "Describe it at length."}]
second = chat.create(history, max_tokens=6)["choices"][0]
print(second["finish_reason"], second["text"])
