# migrator-fixture: sdk02
import os

import anthropic


class ClaudeLLM:
    def __init__(self, api_key, temperature=0.0):
        self._client = anthropic.Client(api_key)
        self.temperature = temperature

    def __call__(self, text: str) -> str:
        prompt = f"\n\nHuman: {text}\n\nAssistant:"
        out = self._client.completion(
            prompt=prompt,
            model="claude-instant-v1",
            max_tokens_to_sample=256,
            temperature=self.temperature,
        )
        return out["completion"]


llm = ClaudeLLM(os.environ["ANTHROPIC_API_KEY"])
print(llm("Translate 'cat' into Spanish."))
