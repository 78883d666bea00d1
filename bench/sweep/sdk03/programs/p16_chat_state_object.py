import anthropic


class ChatSession:
    def __init__(self, system=""):
        self.client = anthropic.Anthropic()
        self.transcript = system

    def send(self, message):
        self.transcript += f"{anthropic.HUMAN_PROMPT} {message}{anthropic.AI_PROMPT}"
        response = self.client.completions.create(
            model="claude-instant-1",
            prompt=self.transcript,
            max_tokens_to_sample=150,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        reply = response.completion
        self.transcript += reply
        return reply

    def reset(self):
        idx = self.transcript.find(anthropic.HUMAN_PROMPT)
        self.transcript = self.transcript[:idx] if idx >= 0 else self.transcript


session = ChatSession("You are a helpful librarian.")
print(session.send("Recommend a book."))
print(session.send("Another one please."))
session.reset()
print(repr(session.transcript))
