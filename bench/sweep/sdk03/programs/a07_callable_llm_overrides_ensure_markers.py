import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class ClaudeLLM:
    def __init__(self, model="claude-2", **defaults):
        self.client = anthropic.Anthropic()
        self.defaults = {"model": model, "max_tokens_to_sample": 64, "temperature": 0.0, **defaults}

    @staticmethod
    def ensure_markers(prompt):
        if not prompt.startswith(HUMAN_PROMPT):
            prompt = f"{HUMAN_PROMPT} {prompt}"
        if not prompt.rstrip().endswith(AI_PROMPT.strip()):
            prompt = prompt + AI_PROMPT
        return prompt

    def __call__(self, prompt, **overrides):
        params = {**self.defaults, **overrides}
        response = self.client.completions.create(prompt=self.ensure_markers(prompt), **params)
        return response.completion


llm = ClaudeLLM(stop_sequences=[HUMAN_PROMPT])
print(repr(llm("What is the capital of Peru?")))
print(repr(llm(f"{HUMAN_PROMPT} Name three fruits.{AI_PROMPT}", max_tokens_to_sample=4)))
print(repr(llm("Write a haiku about snow.", stop_sequences=["\n"], temperature=0.5)))
