import functools
import time

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

# The primary region is down in this run; requests fail over to the default endpoint.
PRIMARY = anthropic.Anthropic(base_url="http://127.0.0.1:9", max_retries=0, timeout=2.0)
SECONDARY = anthropic.Anthropic(max_retries=0)
events = []


def retry(tries=3, delay=0.01, exceptions=(anthropic.APIConnectionError, anthropic.RateLimitError)):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(tries):
                kwargs["client"] = PRIMARY if attempt == 0 else SECONDARY
                try:
                    return fn(*args, **kwargs)
                except exceptions as exc:
                    events.append(f"{fn.__name__}#{attempt}:{type(exc).__name__}")
                    time.sleep(delay * (2**attempt))
            raise RuntimeError(f"{fn.__name__} failed after {tries} tries")

        return inner

    return wrap


@retry(tries=3)
def summarize(text, client=None, max_words=30):
    response = client.completions.create(
        model="claude-instant-1",
        prompt=f"{HUMAN_PROMPT} Summarize in at most {max_words} words:\n\n{text}{AI_PROMPT}",
        max_tokens_to_sample=max_words * 2,
        stop_sequences=[HUMAN_PROMPT],
    )
    return response


docs = {
    "d1": "The quick brown fox jumps over the lazy dog many times a day.",
    "d2": "Rain is expected tomorrow, with clearing skies by the evening.",
}
summaries = {key: summarize(doc, max_words=5) for key, doc in docs.items()}
for key, resp in summaries.items():
    print(key, resp.stop_reason, resp.completion.strip())
print(events)
