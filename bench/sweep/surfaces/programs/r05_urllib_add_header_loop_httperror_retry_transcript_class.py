import json
import os
import time
import urllib.error
import urllib.request

HUMAN = "\n\nHuman:"
ASSISTANT = "\n\nAssistant:"
ENDPOINT = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "Content-Type": "application/json",
}


def post_json(url, payload, retries=3):
    data = json.dumps(payload).encode("utf-8")
    for attempt in range(retries):
        req = urllib.request.Request(url, data=data, method="POST")
        for name, value in HEADERS.items():
            req.add_header(name, value)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            if err.code in (429, 529) and attempt < retries - 1:
                time.sleep(0.05 * (attempt + 1))
                continue
            raise


class Conversation:
    def __init__(self, system=""):
        self.transcript = system

    def say(self, text, max_tokens=120):
        self.transcript += f"{HUMAN} {text}{ASSISTANT}"
        result = post_json(
            ENDPOINT,
            {
                "model": "claude-2.0",
                "prompt": self.transcript,
                "max_tokens_to_sample": max_tokens,
                "stop_sequences": [HUMAN],
            },
        )
        reply = result["completion"]
        self.transcript += reply
        return reply.strip()


chat = Conversation("You are a terse geography tutor.")
for line in ["What is the capital of Peru?", "And its population?", "Thanks!"]:
    print(">", chat.say(line))
print(chat.transcript.count(HUMAN), "turns,", len(chat.transcript), "chars")
