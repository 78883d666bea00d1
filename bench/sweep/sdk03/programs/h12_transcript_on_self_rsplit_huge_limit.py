from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


class Conversation:
    def __init__(self, system=""):
        self.client = Anthropic()
        self.transcript = system

    def ask(self, text):
        self.transcript += f"{HUMAN_PROMPT} {text}{AI_PROMPT}"
        response = self.client.completions.create(
            model="claude-2",
            prompt=self.transcript,
            max_tokens_to_sample=100000,
            stop_sequences=[HUMAN_PROMPT],
        )
        self.transcript += " " + response.completion.strip()
        return response

    @property
    def last_answer(self):
        return self.transcript.rsplit(AI_PROMPT, 1)[-1].strip()

    def turns(self):
        return self.transcript.count(HUMAN_PROMPT)


convo = Conversation(system="You are a helpful librarian.")
convo.ask("Recommend a novel.")
r = convo.ask("Why that one?")
print(convo.turns(), convo.last_answer)
print(r.completion == convo.last_answer or r.completion.strip() == convo.last_answer)
