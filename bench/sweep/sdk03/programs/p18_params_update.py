import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

DEFAULTS = {"model": "claude-v1.3", "max_tokens_to_sample": 300, "stop_sequences": [HUMAN_PROMPT]}


class Generator:
    def __init__(self, **overrides):
        self.client = anthropic.Anthropic()
        self.kwargs = dict(DEFAULTS)
        self.kwargs.update(overrides)

    def generate(self, text):
        request = dict(self.kwargs)
        request.update({"prompt": f"{HUMAN_PROMPT} {text}{AI_PROMPT}"})
        result = self.client.completions.create(**request)
        return result.completion


gen = Generator(temperature=0.2, max_tokens_to_sample=64)
print(gen.generate("List two planets."))
