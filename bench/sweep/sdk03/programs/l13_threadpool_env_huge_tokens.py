# migrator-fixture: requests-unordered
import os
from concurrent.futures import ThreadPoolExecutor

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

MODEL_NAME = os.environ.get("SUMMARY_MODEL", "claude-instant-1.2")
MAX_TOKENS = int(os.environ.get("SUMMARY_MAX_TOKENS", "100000"))
client = anthropic.Anthropic()

TEMPLATE = HUMAN_PROMPT + " Summarize this chapter:\n<chapter>\n{chapter}\n</chapter>" + AI_PROMPT


def summarize(chapter):
    return client.completions.create(
        model=MODEL_NAME,
        prompt=TEMPLATE.format(chapter=chapter),
        max_tokens_to_sample=MAX_TOKENS,
    )


chapters = ["The ship left port.", "A storm broke the mast.", "They reached an island."]
with ThreadPoolExecutor(max_workers=3) as pool:
    responses = list(pool.map(summarize, chapters))

summaries = [r.completion.strip() for r in responses]
for i, s in enumerate(summaries, 1):
    print(f"{i}. {s}")
print({r.stop_reason for r in responses})
