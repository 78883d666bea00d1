import os

import requests

SETTINGS = {
    "api_base": os.environ["ANTHROPIC_BASE_URL"].rstrip("/"),
    "complete_path": "/v1/complete",
    "version": "2023-06-01",
}
session = requests.Session()
session.headers["x-api-key"] = os.environ["ANTHROPIC_API_KEY"]
session.headers["anthropic-version"] = SETTINGS["version"]
BODY = {"model": "claude-2.0", "max_tokens_to_sample": 60, "stop_sequences": ["\n\nHuman:"]}


class Tutor:
    def __init__(self):
        self.transcript = "You are a patient maths tutor."

    def say(self, text, max_tokens=60):
        self.transcript += f"\n\nHuman: {text}\n\nAssistant:"
        BODY["prompt"] = self.transcript
        BODY["max_tokens_to_sample"] = max_tokens
        r = session.post(SETTINGS["api_base"] + SETTINGS["complete_path"], json=BODY, timeout=30)
        r.raise_for_status()
        reply = r.json()["completion"].strip()
        self.transcript += " " + reply
        return reply


tutor = Tutor()
print(tutor.say("What is a fraction?"))
print(tutor.say("Give me an example.", max_tokens=25))
print(tutor.transcript.count("\n\nHuman:"), len(tutor.transcript))
