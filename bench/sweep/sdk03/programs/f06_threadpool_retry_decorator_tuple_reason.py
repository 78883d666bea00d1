# migrator-fixture: requests-unordered
import functools
import time
from concurrent.futures import ThreadPoolExecutor

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

MODEL = "claude-2"
MAX_TOKENS = 12
client = anthropic.Anthropic()


def retry(times=3, exceptions=(anthropic.APIConnectionError, anthropic.RateLimitError)):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times - 1:
                        raise
                    time.sleep(0.05 * 2**attempt)

        return wrapper

    return decorator


@retry()
def complete(question):
    response = client.completions.create(
        model=MODEL,
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=MAX_TOKENS,
        stop_sequences=[HUMAN_PROMPT],
    )
    return response.completion.strip(), response.stop_reason


QUESTIONS = ["Name a colour.", "Count to ten and then stop.", "Name a bird.", "List numbers, stop later."]
with ThreadPoolExecutor(max_workers=4) as pool:
    results = list(pool.map(complete, QUESTIONS))

finished = [text for text, reason in results if reason == "stop_sequence"]
cut = [text for text, reason in results if reason == "max_tokens"]
print("finished:", len(finished), "cut:", len(cut))
for question, (text, reason) in zip(QUESTIONS, results):
    print(f"{question:30} {reason:14} {text}")
