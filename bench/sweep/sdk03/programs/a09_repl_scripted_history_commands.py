import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

SCRIPT = [
    "Hi, I'm planning a trip to Lisbon.",
    "What should I eat there?",
    "/retry",
    "/history",
    "/reset",
    "What city did I mention?",
    "/quit",
    "never reached",
]


class Repl:
    def __init__(self, client, model="claude-2"):
        self.client = client
        self.model = model
        self.history = []

    def render(self):
        turns = "".join(
            f"{HUMAN_PROMPT if who == 'me' else AI_PROMPT} {text}" for who, text in self.history
        )
        return turns + AI_PROMPT

    def ask(self):
        completion = self.client.completions.create(
            model=self.model,
            prompt=self.render(),
            max_tokens_to_sample=40,
            stop_sequences=[HUMAN_PROMPT],
        )
        reply = completion.completion.strip()
        self.history.append(("bot", reply))
        return reply

    def handle(self, line):
        if line == "/quit":
            return False
        if line == "/reset":
            self.history.clear()
            print("[reset]")
        elif line == "/history":
            print(f"[{len(self.history)} turns]")
        elif line == "/retry":
            if self.history and self.history[-1][0] == "bot":
                self.history.pop()
                print("bot(retry)>", self.ask())
        else:
            self.history.append(("me", line))
            print("bot>", self.ask())
        return True


repl = Repl(anthropic.Anthropic())
for line in SCRIPT:
    print("me>", line)
    if not repl.handle(line):
        break
