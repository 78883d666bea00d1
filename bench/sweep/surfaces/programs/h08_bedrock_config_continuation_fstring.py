import json

import boto3

CONFIG = {
    "bedrock": {
        "region": "us-east-1",
        "model_id": "anthropic.claude-v2:1",
        "max_tokens": 5000,
        "stop": ["\n\nHuman:", "</summary>"],
    }
}


class Summariser:
    def __init__(self, config):
        self.cfg = config["bedrock"]
        self.client = boto3.client("bedrock-runtime", region_name=self.cfg["region"])

    def summarise(self, text, style="plain"):
        prompt = f"\n\nHuman: Summarise the text below in a {style} style, \
            inside <summary> tags.\n<text>{text}</text>\n\nAssistant: <summary>"
        body = {
            "prompt": prompt,
            "max_tokens_to_sample": self.cfg["max_tokens"],
            "stop_sequences": self.cfg["stop"],
        }
        response = self.client.invoke_model(
            modelId=self.cfg["model_id"], body=json.dumps(body), accept="*/*", contentType="application/json"
        )
        result = json.loads(response["body"].read())
        return result["completion"].strip()


s = Summariser(CONFIG)
print(s.summarise("The river flooded the valley after a week of rain; farms were evacuated."))
print(s.summarise("Two teams drew nil-nil in a match played in heavy snow.", style="playful"))
