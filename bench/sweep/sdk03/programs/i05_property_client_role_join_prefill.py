import anthropic

ROLE = {"user": anthropic.HUMAN_PROMPT, "bot": anthropic.AI_PROMPT}


class Tutor:
    def __init__(self, **client_opts):
        self._opts = client_opts
        self._client = None
        self.turns = []

    @property
    def client(self):
        if self._client is None:
            self._client = anthropic.Anthropic(**self._opts)
        return self._client

    def _render(self, prefill):
        body = "".join(f"{ROLE[role]} {text}" for role, text in self.turns)
        return body + ROLE["bot"] + " " + prefill

    def ask(self, question, prefill="Answer:"):
        self.turns.append(("user", question))
        out = self.client.completions.create(
            model="claude-2", max_tokens_to_sample=60, prompt=self._render(prefill)
        )
        reply = prefill + out.completion
        self.turns.append(("bot", reply))
        return reply


tutor = Tutor(max_retries=0)
print(tutor.ask("What is 2+2?"))
print(tutor.ask("And times three?"))
print(len(tutor.turns))
