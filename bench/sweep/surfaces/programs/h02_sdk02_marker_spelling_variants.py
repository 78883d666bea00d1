# migrator-fixture: sdk02
import os

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def tight(word):
    # no space after the Human constant
    prompt = HUMAN_PROMPT + "Define " + word + " in five words." + AI_PROMPT
    return client.completion(prompt=prompt, model="claude-v1", max_tokens_to_sample=20)["completion"]


def spaced(word):
    # a space before the AI constant, and a stop sequence without its colon
    resp = client.completion(
        prompt=f"{HUMAN_PROMPT} Give a synonym for {word}. {AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=20,
        stop_sequences=["\n\nHuman"],
    )
    return resp["completion"]


def continued(word, lang):
    # backslash continuation: the indentation ends up in the prompt
    prompt = f"{HUMAN_PROMPT} Translate the word {word} \
        into {lang}.{AI_PROMPT}"
    resp = client.completion(prompt=prompt, model="claude-instant-v1", max_tokens_to_sample=20)
    return resp["completion"]


for fn, args in ((tight, ("brisk",)), (spaced, ("calm",)), (continued, ("house", "French"))):
    out = fn(*args).strip()
    print(fn.__name__, len(out), out)
