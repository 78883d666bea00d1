# migrator-fixture: sdk02
import os
import sys

from anthropic import AI_PROMPT, HUMAN_PROMPT, Client

client = Client(os.environ["ANTHROPIC_API_KEY"])
STOP_LABELS = {"stop_sequence": "done", "max_tokens": "cut off"}


class ConsoleHandler:
    def __init__(self, out=sys.stdout):
        self.out = out
        self.tokens = 0

    def on_token(self, token):
        self.tokens += 1
        self.out.write(token)
        self.out.flush()

    def on_end(self, stop_reason):
        self.out.write(f"\n[{STOP_LABELS.get(stop_reason, stop_reason)}]\n")


def stream_answer(question, handler, max_tokens=80):
    text = ""
    for data in client.completion_stream(
        prompt=HUMAN_PROMPT + " " + question + AI_PROMPT,
        model="claude-instant-1.1",
        max_tokens_to_sample=max_tokens,
        stop_sequences=[HUMAN_PROMPT],
    ):
        token = data["completion"][len(text):]
        text = data["completion"]
        if token:
            handler.on_token(token)
        if data["stop_reason"] is not None:
            handler.on_end(data["stop_reason"])
    return text


h = ConsoleHandler()
full = stream_answer("Give me a fun fact about owls.", h)
print(h.tokens > 1, len(full) > 10)
stream_answer("Write a long essay on owls.", ConsoleHandler(), max_tokens=6)
