# migrator-fixture: sdk02
import os

from anthropic import AI_PROMPT as A
from anthropic import HUMAN_PROMPT as H
from anthropic import Client

PROMPT_TEMPLATE = "%s Translate the following sentence into %s:\n\n%s%s"
client = Client(os.environ["ANTHROPIC_API_KEY"])


def translate(sentence, language="French"):
    prompt = PROMPT_TEMPLATE % (H, language, sentence, A)
    result = client.completion(
        prompt=prompt,
        model="claude-instant-v1",
        max_tokens_to_sample=80,
        stop_sequences=[H],
    )
    return result["completion"].lstrip()


for s, lang in [("The cat sleeps.", "French"), ("Good morning!", "German")]:
    out = translate(s, lang)
    print("%-16s [%s] %s" % (s, lang, out))
