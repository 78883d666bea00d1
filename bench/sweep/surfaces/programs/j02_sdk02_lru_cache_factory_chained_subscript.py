# migrator-fixture: sdk02
import functools
import os

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


@functools.lru_cache(maxsize=None)
def get_client(api_key=None):
    return anthropic.Client(api_key or os.environ["ANTHROPIC_API_KEY"])


def summarize(text, max_words=20):
    return get_client().completion(
        prompt=f"{HUMAN_PROMPT} Summarize in at most {max_words} words:\n\n{text}{AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=max_words * 2,
        stop_sequences=[HUMAN_PROMPT],
    )["completion"].strip()


def translate(text, language):
    response = get_client().completion(
        prompt=f"{HUMAN_PROMPT} Translate to {language}: {text}{AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=100,
    )
    return response["completion"].strip(), response["stop_reason"]


print(summarize("The quick brown fox jumps over the lazy dog near the river bank."))
print(summarize("A very long story about a cat.", max_words=3))
print(translate("Good morning", "French"))
print(get_client() is get_client())
