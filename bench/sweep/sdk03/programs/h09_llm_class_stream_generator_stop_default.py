import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class ClaudeLLM:
    def __init__(self, model="claude-instant-1", max_tokens=300, temperature=0.7, stop=None):
        self.client = anthropic.Anthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.stop = stop or [HUMAN_PROMPT]

    def _wrap(self, prompt):
        return f"{HUMAN_PROMPT} {prompt}{AI_PROMPT}"

    def stream(self, prompt):
        for event in self.client.completions.create(
            model=self.model,
            prompt=self._wrap(prompt),
            max_tokens_to_sample=self.max_tokens,
            temperature=self.temperature,
            stop_sequences=self.stop,
            stream=True,
        ):
            if event.completion:
                yield event.completion

    def __call__(self, prompt):
        return "".join(self.stream(prompt)).strip()


llm = ClaudeLLM()
print(llm("Name three rivers."))
strict = ClaudeLLM(model="claude-2", max_tokens=50, stop=[HUMAN_PROMPT, "STOP"])
pieces = list(strict.stream("Count, then stop."))
print(len(pieces) > 1, "".join(pieces).strip())
