import json

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class ClaudeCompletion:
    defaults = {"model": "claude-2", "max_tokens_to_sample": 100, "temperature": 0.2}

    def __init__(self, **defaults):
        self.client = anthropic.Anthropic()
        self.params = {**self.defaults, **defaults}

    def format(self, text):
        return f"{HUMAN_PROMPT} {text}{AI_PROMPT}"

    def __call__(self, text, **kwargs):
        params = {**self.params, **kwargs}
        resp = self.client.completions.create(prompt=self.format(text), **params)
        return self.postprocess(resp.completion)

    def postprocess(self, completion):
        return completion.strip()


class JSONCompletion(ClaudeCompletion):
    def format(self, text):
        return f"{HUMAN_PROMPT} {text} Reply in JSON.{AI_PROMPT} {{"

    def postprocess(self, completion):
        return json.loads("{" + completion)


plain = ClaudeCompletion(max_tokens_to_sample=40)
print(plain("Give me a haiku about rain."))
print(plain("Give me a haiku about snow.", temperature=0.9, max_tokens_to_sample=5))
extractor = JSONCompletion(model="claude-instant-1")
data = extractor("Extract the city from: 'I live in Oslo.'")
print(sorted(data), list(data.values())[0][:30])
