# migrator-fixture: sdk02
import os

import anthropic


class ReActAgent:
    MODEL = "claude-v1.3"
    STOP = [anthropic.HUMAN_PROMPT, "\n\nObservation:"]

    def __init__(self, client, max_tokens=80):
        self.client = client
        self.max_tokens = max_tokens
        self.last_stop_reason = None

    def deltas(self, question):
        seen = ""
        for data in self.client.completion_stream(
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            model=self.MODEL,
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=self.STOP,
        ):
            text = data["completion"]
            yield text[len(seen):]
            seen = text
            self.last_stop_reason = data["stop_reason"]

    def answer(self, question):
        return "".join(self.deltas(question)).strip()


agent = ReActAgent(anthropic.Client(os.environ["ANTHROPIC_API_KEY"]))
count = 0
for delta in agent.deltas("What is a thought experiment?"):
    if delta:
        count += 1
print(count > 1, agent.last_stop_reason)
print(agent.answer("Name a philosopher."))
short = ReActAgent(agent.client, max_tokens=3)
print(short.answer("Describe stoicism in detail."), "|", short.last_stop_reason)
