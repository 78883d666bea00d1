import anthropic


class ClaudeChat:
    """Provider-neutral interface: completion() returns {"completion": ...}."""

    def __init__(self, model="claude-instant-1.2"):
        self.client = anthropic.Anthropic()
        self.model = model

    def completion(self, question, max_tokens=50, on_token=None):
        stream = self.client.completions.create(
            model=self.model,
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
            stream=True,
        )
        pieces = []
        for event in stream:
            if event.completion:
                pieces.append(event.completion)
                if on_token:
                    on_token(event.completion)
        return {"completion": "".join(pieces), "model": self.model}


class Echo:
    def __init__(self):
        self.seen = []

    def __call__(self, token):
        self.seen.append(token)


chat = ClaudeChat()
echo = Echo()
result = chat.completion("Describe a lighthouse.", on_token=echo)
print(result["completion"])
print("streamed words:", len("".join(echo.seen).split()))
short = chat.completion("Describe a harbour.", max_tokens=5)
print(short["completion"].strip(), len(short["completion"]))
