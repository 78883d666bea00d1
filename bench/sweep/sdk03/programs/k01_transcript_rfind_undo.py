import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class Conversation:
    def __init__(self, client, preamble):
        self.client = client
        self.text = preamble

    def say(self, message):
        self.text += f"{HUMAN_PROMPT} {message}{AI_PROMPT}"
        resp = self.client.completions.create(
            model="claude-instant-1.2",
            prompt=self.text,
            max_tokens_to_sample=60,
        )
        self.text += " " + resp.completion.strip()
        return self.last_reply()

    def last_reply(self):
        return self.text.rsplit(AI_PROMPT, 1)[-1].strip()

    def undo(self):
        cut = self.text.rfind(HUMAN_PROMPT)
        if cut != -1:
            self.text = self.text[:cut]

    def turns(self):
        return self.text.count(HUMAN_PROMPT)


conv = Conversation(anthropic.Anthropic(), "You are a terse travel agent.")
print(conv.say("Suggest a city in Spain."))
print(conv.say("Too hot. Another one?"))
conv.undo()
print(conv.turns(), repr(conv.last_reply()))
print(conv.say("Suggest a city in Portugal."))
