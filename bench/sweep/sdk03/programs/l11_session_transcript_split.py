import anthropic

client = anthropic.Anthropic()


class Session:
    def __init__(self, system=""):
        self.transcript = system

    def ask(self, text):
        self.transcript += f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}"
        resp = client.completions.create(
            prompt=self.transcript,
            model="claude-2",
            max_tokens_to_sample=70,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        self.transcript += " " + resp.completion.strip()
        return resp.completion

    def last_exchange(self):
        return self.transcript.split(anthropic.HUMAN_PROMPT)[-1].split(anthropic.AI_PROMPT)

    def undo(self):
        self.transcript = self.transcript.rsplit(anthropic.HUMAN_PROMPT, 1)[0]


s = Session("Answer like a pirate.")
s.ask("Where is the treasure?")
s.ask("How deep is it buried?")
print([part.strip() for part in s.last_exchange()])
s.undo()
print(s.ask("Who buried it?").strip())
print(s.transcript.count(anthropic.AI_PROMPT))
