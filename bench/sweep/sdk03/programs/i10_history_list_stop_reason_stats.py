import anthropic


class Session:
    def __init__(self):
        self.client = anthropic.Anthropic()
        self.history = []

    def run(self, question, limit=40, stops=None):
        self.history.append(
            self.client.completions.create(
                model="claude-2",
                max_tokens_to_sample=limit,
                prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
                **({"stop_sequences": stops} if stops else {}),
            )
        )

    def stats(self):
        natural = sum(r.stop_reason == "stop_sequence" for r in self.history)
        cut = [i for i, r in enumerate(self.history) if r.stop_reason == "max_tokens"]
        return natural, cut

    def transcript(self):
        return " / ".join(r.completion.strip() for r in self.history)


s = Session()
s.run("Name a fish.")
s.run("Count then stop.", stops=["STOP"])
s.run("Describe a forest.", limit=3)
print(s.stats())
print(s.transcript())
