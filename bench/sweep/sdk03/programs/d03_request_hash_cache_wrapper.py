import hashlib
import json

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


class CachedCompletion:
    """Memoise completions on the full request, like the disk caches of eval repos."""

    default_kwargs = {"model": "claude-v1.3", "max_tokens_to_sample": 60, "temperature": 0}

    def __init__(self, client=None):
        self.client = client or Anthropic()
        self._cache = {}
        self.hits = self.misses = 0

    @staticmethod
    def _key(kwargs):
        return hashlib.sha256(json.dumps(kwargs, sort_keys=True).encode()).hexdigest()

    def complete(self, **kwargs):
        kwargs = {**self.default_kwargs, **kwargs}
        key = self._key(kwargs)
        if key in self._cache:
            self.hits += 1
            return self._cache[key]
        self.misses += 1
        response = self.client.completions.create(**kwargs)
        entry = {"text": response.completion, "stop_reason": response.stop_reason}
        self._cache[key] = entry
        return entry


def ask(llm, question, **extra):
    return llm.complete(prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}", **extra)


llm = CachedCompletion()
for q in ["Capital of Peru?", "Capital of Chile?", "Capital of Peru?"]:
    out = ask(llm, q)
    print(q, "->", out["text"].strip(), f"[{out['stop_reason']}]")
short = ask(llm, "Capital of Peru?", max_tokens_to_sample=3)
print("short:", short["text"].strip(), short["stop_reason"])
print(f"hits={llm.hits} misses={llm.misses}")
