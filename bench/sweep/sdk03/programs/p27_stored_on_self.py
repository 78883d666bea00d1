import anthropic


class Summariser:
    def __init__(self):
        self.client = anthropic.Anthropic()
        self.last_response = None

    def run(self, text):
        self.last_response = self.client.completions.create(
            model="claude-instant-1",
            max_tokens_to_sample=80,
            prompt=f"{anthropic.HUMAN_PROMPT} Summarise: {text}{anthropic.AI_PROMPT}",
        )
        return self

    def text(self):
        return self.last_response.completion


s = Summariser().run("Bees make honey and pollinate flowers.")
print(s.text())
