# migrator-fixture: sdk02
import os

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

PROMPTS = {
    "define": lambda term: f"{HUMAN_PROMPT} Define {term} in one sentence.{AI_PROMPT}",
    "json": lambda term: f"{HUMAN_PROMPT} Give the word {term} and its part of speech as JSON.{AI_PROMPT} {{",
    "label": lambda term: f"{HUMAN_PROMPT} Is {term} a noun or a verb?{AI_PROMPT} Answer:",
}
PREFIXES = {"json": "{", "label": "Answer:"}


class Lexicon:
    def __init__(self, key, max_tokens=100000):
        self.client = anthropic.Client(key)
        self.max_tokens = max_tokens

    def run(self, kind, term):
        resp = self.client.completion(
            prompt=PROMPTS[kind](term),
            model="claude-v1-100k",
            max_tokens_to_sample=self.max_tokens,
            top_p=0.9,
        )
        return PREFIXES.get(kind, "") + resp["completion"]


lex = Lexicon(os.environ["ANTHROPIC_API_KEY"])
for kind in ("define", "json", "label"):
    out = lex.run(kind, "ladder")
    print(kind, len(out), out.strip()[:90])
