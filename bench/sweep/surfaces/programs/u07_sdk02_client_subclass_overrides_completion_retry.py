# migrator-fixture: sdk02
import os
import time

import anthropic


class RetryingClient(anthropic.Client):
    """The SDK client, retrying transient API errors and counting calls."""

    def __init__(self, api_key, retries=3, backoff=0.01):
        super().__init__(api_key=api_key)
        self.retries = retries
        self.backoff = backoff
        self.calls = 0

    def completion(self, **kwargs):
        kwargs.setdefault("stop_sequences", [anthropic.HUMAN_PROMPT])
        for attempt in range(self.retries):
            try:
                self.calls += 1
                return super().completion(**kwargs)
            except anthropic.ApiException:
                if attempt == self.retries - 1:
                    raise
                time.sleep(self.backoff * 2**attempt)


client = RetryingClient(os.environ["ANTHROPIC_API_KEY"])


def ask(question, max_tokens=50):
    response = client.completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        model="claude-2",
        max_tokens_to_sample=max_tokens,
    )
    return response["completion"].strip(), response["stop_reason"]


for q, n in (("What is a hash map?", 50), ("List every sorting algorithm.", 3)):
    answer, reason = ask(q, n)
    print(f"{reason == 'max_tokens'!s:5} {answer}")
print("calls:", client.calls)
