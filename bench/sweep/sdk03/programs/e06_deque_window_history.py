from collections import deque

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

SYSTEM = "You are a patient tutor who answers briefly."


class WindowedChat:
    def __init__(self, client, window=2):
        self.client = client
        self.exchanges = deque(maxlen=window)

    def render(self, message):
        return SYSTEM + "".join(self.exchanges) + f"{HUMAN_PROMPT} {message}{AI_PROMPT}"

    def send(self, message):
        resp = self.client.completions.create(
            model="claude-2",
            prompt=self.render(message),
            max_tokens_to_sample=60,
            stop_sequences=[HUMAN_PROMPT],
        )
        reply = resp.completion.strip()
        self.exchanges.append(f"{HUMAN_PROMPT} {message}{AI_PROMPT} {reply}")
        return reply


chat = WindowedChat(anthropic.Anthropic())
for msg in ["What is an atom?", "And a molecule?", "And an ion?", "Which is smallest?"]:
    print(">", msg)
    print(chat.send(msg))
print("exchanges kept:", len(chat.exchanges))
