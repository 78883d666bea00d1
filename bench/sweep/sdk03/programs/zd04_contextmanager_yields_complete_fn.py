import time
from contextlib import contextmanager

import anthropic


@contextmanager
def claude_session(model="claude-v1.3", default_tokens=120):
    client = anthropic.Anthropic()
    stats = {"calls": 0, "truncated": 0}

    def complete(question, max_tokens=None, **kw):
        res = client.completions.create(
            model=model,
            prompt="\n\nHuman: " + question + "\n\nAssistant: ",
            max_tokens_to_sample=max_tokens or default_tokens,
            **kw,
        )
        stats["calls"] += 1
        if res.stop_reason == "max_tokens":
            stats["truncated"] += 1
        return res.completion.strip()

    started = time.monotonic()
    try:
        yield complete
    finally:
        elapsed = time.monotonic() - started
        print(f"session closed: {stats['calls']} calls, {stats['truncated']} truncated, ok={elapsed >= 0}")
        client.close()


with claude_session() as complete:
    print(complete("Name three prime numbers."))
    print(complete("Write a long essay on primes.", max_tokens=5))
    print(complete("Count to ten, say stop.", stop_sequences=["STOP"], temperature=0))
