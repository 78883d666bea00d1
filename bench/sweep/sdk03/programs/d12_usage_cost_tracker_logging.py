import logging
import sys
import time
from functools import wraps

import anthropic

log = logging.getLogger("claude")
log.addHandler(logging.StreamHandler(sys.stdout))
log.setLevel(logging.INFO)

# USD per million characters (prompt, completion), from the old pricing page
PRICES = {"claude-instant-1": (1.63, 5.51), "claude-2": (11.02, 32.68)}


def retry(times=3, exceptions=(anthropic.APIConnectionError, anthropic.InternalServerError)):
    def deco(fn):
        @wraps(fn)
        def inner(*args, **kwargs):
            for i in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions as e:
                    log.warning("retry %d after %s", i + 1, type(e).__name__)
                    time.sleep(0.01)
            return fn(*args, **kwargs)

        return inner

    return deco


class UsageTracker:
    def __init__(self):
        self.cost = 0.0
        self.requests = 0

    def record(self, model, prompt, completion):
        p_in, p_out = PRICES.get(model, (0.0, 0.0))
        self.cost += (len(prompt) * p_in + len(completion) * p_out) / 1e6
        self.requests += 1


tracker = UsageTracker()
client = anthropic.Anthropic()


@retry()
def chat(user_message, model="claude-instant-1"):
    prompt = anthropic.HUMAN_PROMPT + " " + user_message + anthropic.AI_PROMPT
    response = client.completions.create(prompt=prompt, model=model, max_tokens_to_sample=50)
    tracker.record(model, prompt, response.completion)
    log.info("model=%s stop=%s", model, response.stop_reason)
    return response.completion


print(chat("Tell me a fun fact about owls.").strip())
print(chat("Tell me a fun fact about bees.", model="claude-2").strip())
print(f"requests={tracker.requests} cost=${tracker.cost:.6f}")
