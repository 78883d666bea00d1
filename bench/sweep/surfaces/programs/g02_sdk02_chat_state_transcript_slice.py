# migrator-fixture: sdk02
import os

import anthropic


class ChatSession:
    def __init__(self, client, system=""):
        self.client = client
        self.transcript = system

    def send(self, user_text):
        self.transcript += f"{anthropic.HUMAN_PROMPT} {user_text}{anthropic.AI_PROMPT}"
        response = self.client.completion(
            prompt=self.transcript,
            model="claude-v1.3",
            max_tokens_to_sample=40,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        reply = response["completion"].strip()
        self.transcript += " " + reply
        return reply

    def last_exchange(self):
        return self.transcript.rsplit(anthropic.HUMAN_PROMPT, 1)[-1].strip()

    def turns(self):
        return self.transcript.count(anthropic.HUMAN_PROMPT)


chat = ChatSession(anthropic.Client(os.environ["ANTHROPIC_API_KEY"]))
print(chat.send("Hi, I'm planning a trip to Norway."))
print(chat.send("What should I pack?"))
print(chat.turns())
print(chat.last_exchange())
