# migrator-fixture: sdk02
import os

import anthropic


class ClaudeProvider:
    name = "claude"

    def __init__(self, api_key, model="claude-v1", max_tokens=80):
        self.client = anthropic.Client(api_key)
        self.model = model
        self.max_tokens = max_tokens

    def complete(self, prompt):
        resp = self.client.completion(
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            model=self.model,
            max_tokens_to_sample=self.max_tokens,
        )
        return {"provider": self.name, "completion": resp["completion"].strip(), "finish": resp["stop_reason"]}


# KEEP-BEGIN
class EchoProvider:
    """Offline provider used in tests and demos; same interface as the real ones."""

    name = "echo"

    def completion(self, prompt, max_tokens_to_sample=80):
        return {"completion": prompt[::-1][:max_tokens_to_sample], "stop_reason": "stop_sequence"}

    def complete(self, prompt):
        resp = self.completion(prompt=prompt, max_tokens_to_sample=20)
        return {"provider": self.name, "completion": resp["completion"], "finish": resp["stop_reason"]}
# KEEP-END


PROVIDERS = {"claude": ClaudeProvider, "echo": EchoProvider}


def get_provider(name):
    cls = PROVIDERS[name]
    if cls is ClaudeProvider:
        return cls(os.environ["ANTHROPIC_API_KEY"])
    return cls()


for provider_name in ("claude", "echo"):
    provider = get_provider(provider_name)
    out = provider.complete("Say hello to the team in five words.")
    print(f"{out['provider']:>6} [{out['finish']}] {out['completion']}")
