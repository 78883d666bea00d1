# migrator-fixture: sdk02
import functools
import os

import anthropic

STOP_TUPLE = (anthropic.HUMAN_PROMPT, "STOP")
client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def retry(times=2):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except anthropic.ApiException:
                    if attempt == times - 1:
                        raise
        return inner
    return wrap


@retry(times=3)
def complete(question, stops=STOP_TUPLE, max_tokens=60):
    resp = client.completion(
        prompt=anthropic.HUMAN_PROMPT + " " + question + anthropic.AI_PROMPT,
        model="claude-2",
        max_tokens_to_sample=max_tokens,
        stop_sequences=list(stops),
    )
    return resp["completion"], resp["stop"]


for q in ("Count upward and stop when told.", "What is a haiku?"):
    text, matched = complete(q)
    print(repr(matched), text.strip())
text, matched = complete("Count again, stop later.", stops=(anthropic.HUMAN_PROMPT,))
print(repr(matched), text.strip())
