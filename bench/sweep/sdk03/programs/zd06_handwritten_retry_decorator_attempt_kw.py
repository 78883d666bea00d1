import functools

import anthropic
from anthropic import Anthropic


class Truncated(Exception):
    pass


def retry(times=3, on=(anthropic.APIConnectionError, anthropic.RateLimitError, Truncated)):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, attempt=attempt, **kwargs)
                except on as exc:
                    last = exc
                    print(f"  retry {fn.__name__} after {type(exc).__name__} (attempt {attempt})")
            raise last

        return wrapper

    return deco


client = Anthropic(max_retries=0)


@retry(times=3)
def summarize(text, attempt=1):
    resp = client.completions.create(
        model="claude-instant-1",
        prompt=f"{anthropic.HUMAN_PROMPT} Summarize in one line:\n{text}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=3 * attempt**2,
    )
    if resp.stop_reason == "max_tokens":
        raise Truncated(resp.completion)
    return resp.completion.strip(), attempt


for doc in ["Cats sleep a lot.", "The quarterly report shows revenue grew while costs fell sharply."]:
    try:
        summary, tries = summarize(doc)
        print(tries, summary)
    except Truncated as exc:
        print("gave up:", str(exc).strip())
