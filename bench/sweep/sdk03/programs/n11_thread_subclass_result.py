# migrator-fixture: requests-unordered
import threading

import anthropic

client = anthropic.Anthropic()


class Worker(threading.Thread):
    def __init__(self, city, max_tokens=30):
        super().__init__()
        self.city = city
        self.max_tokens = max_tokens
        self.result = None

    def run(self):
        self.result = client.completions.create(
            model="claude-instant-1",
            max_tokens_to_sample=self.max_tokens,
            prompt=f"{anthropic.HUMAN_PROMPT} One landmark in {self.city}?{anthropic.AI_PROMPT}",
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )


workers = [Worker(c) for c in ["Rome", "Cairo"]] + [Worker("Lima", max_tokens=4)]
for w in workers:
    w.start()
for w in workers:
    w.join()

answers = {w.city: w.result.completion.strip() for w in workers}
for city in sorted(answers):
    print(f"{city}: {answers[city]}")
print("total words:", sum(len(a.split()) for a in answers.values()))
