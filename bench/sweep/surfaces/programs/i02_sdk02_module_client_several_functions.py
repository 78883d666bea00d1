# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
MODEL = "claude-v1.3-100k"
TRANSLATE = "\n\nHuman: Translate into {lang}: {text}\n\nAssistant:"


def summarize(text):
    prompt = f"{anthropic.HUMAN_PROMPT} Summarize in one sentence:\n\n{text}{anthropic.AI_PROMPT}"
    resp = client.completion(
        prompt=prompt,
        model=MODEL,
        max_tokens_to_sample=80,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    return resp["completion"].strip()


def translate(text, lang="French"):
    resp = client.completion(
        prompt=TRANSLATE.format(lang=lang, text=text),
        model=MODEL,
        max_tokens_to_sample=40,
        temperature=0.0,
    )
    return resp.get("completion", "").strip()


def keywords(text, n=3):
    prompt = (
        anthropic.HUMAN_PROMPT
        + " You extract keywords."
        + f" List {n} comma-separated keywords for: {text}"
        + anthropic.AI_PROMPT
        + " Keywords:"
    )
    resp = client.completion(
        prompt=prompt,
        model=MODEL,
        max_tokens_to_sample=30,
        stop_sequences=[anthropic.HUMAN_PROMPT, "\n"],
    )
    return [k.strip() for k in resp["completion"].split(",") if k.strip()]


ARTICLE = "The river flooded the valley after three days of rain, closing roads and schools."
print(summarize(ARTICLE))
print(translate("Good morning, friends."))
print(translate("Thank you.", lang="German"))
print(keywords(ARTICLE))
