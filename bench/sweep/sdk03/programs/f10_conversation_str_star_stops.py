from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


class Conversation:
    def __init__(self, system=""):
        self.system = system
        self.turns = []

    def add(self, role, text):
        self.turns.append((role, text.strip()))

    def __str__(self):
        out = self.system
        for role, text in self.turns:
            marker = HUMAN_PROMPT if role == "human" else AI_PROMPT
            out += f"{marker} {text}"
        return out + AI_PROMPT


class Assistant:
    def __init__(self, client, model="claude-v1.3", extra_stops=("STOP",)):
        self.client = client
        self.model = model
        self.extra_stops = list(extra_stops)

    def reply(self, conv, max_tokens=60):
        resp = self.client.completions.create(
            model=self.model,
            prompt=str(conv),
            max_tokens_to_sample=max_tokens,
            stop_sequences=[HUMAN_PROMPT, *self.extra_stops],
        )
        conv.add("assistant", resp.completion)
        hit = resp.stop if resp.stop_reason == "stop_sequence" else None
        return resp.completion.strip(), hit


conv = Conversation(system="You are a patient maths tutor.")
bot = Assistant(Anthropic())
for question in ["What is 7 times 8?", "Count upward and stop when told.", "Thanks!"]:
    conv.add("human", question)
    text, hit = bot.reply(conv)
    print(f"> {question}\n{text} [stop={hit!r}]")
print("turns:", len(conv.turns), "prompt chars:", len(str(conv)))
