# migrator-fixture: sdk02
import os

import anthropic


class Progress:
    def __init__(self, label):
        self.label = label
        self.n = 0
        self.updates = 0

    def update(self, k):
        self.n += k
        self.updates += 1

    def close(self):
        print(f"{self.label}: {self.n} chars, streamed={self.updates > 1}")


def generate(client, topic, limit):
    bar = Progress(topic)
    for data in client.completion_stream(
        prompt=f"\n\nHuman: Write a short paragraph about {topic}.\n\nAssistant:",
        model="claude-v1",
        max_tokens_to_sample=limit,
        stop_sequences=["\n\nHuman:"],
    ):
        bar.update(len(data["completion"]) - bar.n)
    bar.close()
    return data


client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
for topic, limit in (("volcanoes", 100), ("glaciers", 3)):
    final = generate(client, topic, limit)
    status = "complete" if final["stop_reason"] == "stop_sequence" else "truncated"
    print(status, "|", final["completion"].strip())
