import hashlib
import json

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class _CachedCompletions:
    def __init__(self, inner):
        self._inner = inner
        self._cache = {}
        self.hits = 0

    def create(self, **kwargs):
        key = hashlib.sha256(json.dumps(kwargs, sort_keys=True).encode()).hexdigest()
        if key in self._cache:
            self.hits += 1
            return self._cache[key]
        result = self._inner.completions.create(**kwargs)
        self._cache[key] = result
        return result


class CachingClient:
    def __init__(self, client):
        self.completions = _CachedCompletions(client)


client = CachingClient(anthropic.Anthropic())
for question in ["What is rust?", "What is moss?", "What is rust?"]:
    resp = client.completions.create(
        model="claude-2",
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=40,
    )
    print(resp.completion.strip())
print("cache hits:", client.completions.hits)
