# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
CACHE = {}


def cached_completion(question):
    prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    if prompt not in CACHE:
        CACHE[prompt] = client.completion(
            prompt=prompt,
            model="claude-instant-1",
            max_tokens_to_sample=70,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
    return CACHE[prompt]["completion"]


# KEEP-BEGIN
class EchoModel:
    """Offline stand-in used by the unit tests; same call shape as the SDK."""

    def completion(self, prompt, max_tokens_to_sample=10, **_):
        return {"completion": prompt.split()[-1], "stop_reason": "stop_sequence"}


def echo(question):
    return EchoModel().completion(prompt=question, max_tokens_to_sample=5)["completion"]
# KEEP-END


for q in ("What is entropy?", "What is entropy?", "What is enthalpy?"):
    print(cached_completion(q).strip(), "|", echo(q))
print("cached prompts:", len(CACHE))
