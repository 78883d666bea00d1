import json

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


class Conversation:
    def __init__(self, system=None, model="claude-2.0", max_tokens=90):
        self.client = Anthropic()
        self.system = system
        self.model = model
        self.max_tokens = max_tokens
        self.turns = []

    def prompt(self):
        body = "".join(
            f"{HUMAN_PROMPT if i % 2 == 0 else AI_PROMPT} {text}" for i, text in enumerate(self.turns)
        )
        return (self.system or "") + body + AI_PROMPT

    def __call__(self, user_text):
        self.turns.append(user_text)
        response = self.client.completions.create(
            prompt=self.prompt(),
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=[HUMAN_PROMPT],
        )
        reply = response.completion.strip()
        self.turns.append(reply)
        return reply

    def export(self):
        roles = ["user", "assistant"]
        return json.dumps([{"role": roles[i % 2], "text": t} for i, t in enumerate(self.turns)])


chat = Conversation(system="You are a patient maths tutor.")
for line in ["What is a prime number?", "Is 9 one?", "Give me the next prime after 7."]:
    print("you:", line)
    print("bot:", chat(line))
saved = json.loads(chat.export())
print(len(saved), saved[-1]["role"], saved[-1]["text"][:30])
