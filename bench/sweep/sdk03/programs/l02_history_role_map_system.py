import anthropic

ROLE_PREFIX = {"user": anthropic.HUMAN_PROMPT, "assistant": anthropic.AI_PROMPT}
SYSTEM = "You are a terse travel guide."


class Chat:
    def __init__(self, client, model="claude-instant-1.2"):
        self.client = client
        self.model = model
        self.history = []

    def render(self):
        prompt = SYSTEM
        for turn in self.history:
            prompt += f"{ROLE_PREFIX[turn['role']]} {turn['content']}"
        return prompt + anthropic.AI_PROMPT

    def send(self, text):
        self.history.append({"role": "user", "content": text})
        resp = self.client.completions.create(
            model=self.model,
            prompt=self.render(),
            max_tokens_to_sample=80,
        )
        reply = resp.completion.strip()
        self.history.append({"role": "assistant", "content": reply})
        return reply


chat = Chat(anthropic.Anthropic())
for msg in ["Where should I go in Portugal?", "And in spring?", "Thanks!"]:
    print(">", msg)
    print("<", chat.send(msg))
print(len(chat.history), "turns;", chat.render().count(anthropic.HUMAN_PROMPT), "human")
