# migrator-fixture: sdk02
import os

import anthropic

RENAME = {"max_tokens": "max_tokens_to_sample", "stop": "stop_sequences"}


class AnthropicProvider:
    def __init__(self, api_key, model="claude-v1"):
        self.client = anthropic.Client(api_key)
        self.model = model

    def _params(self, **kwargs):
        params = {RENAME.get(k, k): v for k, v in kwargs.items()}
        params.setdefault("model", self.model)
        params.setdefault("max_tokens_to_sample", 256)
        params.setdefault("stop_sequences", [anthropic.HUMAN_PROMPT])
        return params

    def generate(self, messages, **kwargs):
        prompt = ""
        for m in messages:
            prefix = anthropic.HUMAN_PROMPT if m["role"] == "user" else anthropic.AI_PROMPT
            prompt += f"{prefix} {m['content']}"
        prompt += anthropic.AI_PROMPT
        response = self.client.completion(prompt=prompt, **self._params(**kwargs))
        return response["completion"]


provider = AnthropicProvider(os.environ["ANTHROPIC_API_KEY"])
chat = [
    {"role": "user", "content": "Hi!"},
    {"role": "assistant", "content": "Hello, how can I help?"},
    {"role": "user", "content": "Name a planet with rings."},
]
print(provider.generate(chat))
print(provider.generate(chat[:1], max_tokens=4, temperature=0.5))
