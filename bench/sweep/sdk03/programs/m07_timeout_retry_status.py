import time

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic(timeout=30.0, max_retries=0)


def complete_with_retry(question, attempts=3):
    prompt = f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
    for attempt in range(1, attempts + 1):
        try:
            resp = client.with_options(max_retries=2).completions.create(
                model="claude-instant-1.2",
                prompt=prompt,
                max_tokens_to_sample=60,
                timeout=5.0,
            )
        except anthropic.APITimeoutError:
            print(f"attempt {attempt}: timeout")
            time.sleep(0.01)
            continue
        except anthropic.APIStatusError as err:
            print(f"attempt {attempt}: HTTP {err.status_code}")
            if err.status_code < 500:
                raise
            continue
        else:
            return resp.completion.strip(), attempt
    raise RuntimeError("no answer after retries")


for q in ["Name a prime number above 100.", "What is the boiling point of water?"]:
    text, tries = complete_with_retry(q)
    print(f"{tries} try: {text}")
