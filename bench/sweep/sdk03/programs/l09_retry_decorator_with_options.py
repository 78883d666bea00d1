import functools
import time

import anthropic

client = anthropic.Anthropic()


def retry(times=3, delay=0.01):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except (anthropic.APIConnectionError, anthropic.RateLimitError):
                    if attempt == times - 1:
                        raise
                    time.sleep(delay * 2**attempt)
        return inner
    return wrap


@retry(times=2)
def summarize(text, words=20):
    return client.with_options(max_retries=0, timeout=30).completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} Summarize in {words} words:\n\n{text}{anthropic.AI_PROMPT} Summary:",
        max_tokens_to_sample=words * 2,
        temperature=0,
    ).completion.strip()


docs = ["The harbour was quiet at dawn and gulls circled.", "Rain fell on the old town all week."]
summaries = [summarize(d) for d in docs]
for d, s in zip(docs, summaries):
    print(len(d), "->", s)
print(summarize(docs[0], words=2))
