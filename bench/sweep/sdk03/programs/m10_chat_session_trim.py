from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT


class ChatSession:
    def __init__(self, system, max_turns=2):
        self.client = Anthropic()
        self.system = system
        self.max_turns = max_turns
        self.transcript = ""

    def _trim(self):
        turns = self.transcript.split(HUMAN_PROMPT)[1:]
        if len(turns) > self.max_turns:
            turns = turns[-self.max_turns :]
        self.transcript = "".join(HUMAN_PROMPT + t for t in turns)

    def send(self, message):
        self.transcript += f"{HUMAN_PROMPT} {message}{AI_PROMPT}"
        self._trim()
        resp = self.client.completions.create(
            model="claude-2",
            prompt=self.system + self.transcript,
            max_tokens_to_sample=80,
            stop_sequences=[HUMAN_PROMPT],
        )
        reply = resp.completion.strip()
        self.transcript += " " + reply
        return reply


chat = ChatSession("You are a helpful travel agent.")
for msg in ["I want to visit Japan.", "In spring.", "For ten days.", "What should I pack?"]:
    print(">", msg)
    print("<", chat.send(msg))
print("turns kept:", chat.transcript.count(HUMAN_PROMPT))
