# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def complete(prompt, **kwargs):
    kwargs.setdefault("model", "claude-2")
    kwargs.setdefault("max_tokens_to_sample", 300)
    kwargs.setdefault("stop_sequences", [anthropic.HUMAN_PROMPT])
    response = client.completion(prompt=prompt, **kwargs)
    return response["completion"]


def ask(question, **kwargs):
    return complete(f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}", **kwargs).strip()


print(ask("What is the boiling point of water?"))
print(ask("Describe the water cycle in detail.", max_tokens_to_sample=8))
print(ask("List three rivers.", temperature=0.0, model="claude-instant-1"))
