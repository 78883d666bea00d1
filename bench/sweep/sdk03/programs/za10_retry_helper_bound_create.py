import random
import time

import anthropic

RETRYABLE = (anthropic.RateLimitError, anthropic.APIConnectionError, anthropic.InternalServerError)


def with_retries(fn, *args, attempts=3, base_delay=0.01, **kwargs):
    """Call fn(*args, **kwargs), retrying transient API errors with jittered backoff."""
    for attempt in range(1, attempts + 1):
        try:
            return fn(*args, **kwargs)
        except RETRYABLE as exc:
            if attempt == attempts:
                raise
            delay = base_delay * 2 ** attempt + random.random() * base_delay
            print(f"retry {attempt} after {type(exc).__name__}")
            time.sleep(delay)


class ClaudeClient:
    def __init__(self, model="claude-2", max_tokens=64):
        self._client = anthropic.Anthropic(max_retries=0)
        self.model = model
        self.max_tokens = max_tokens

    def complete(self, prompt, **kwargs):
        response = with_retries(
            self._client.completions.create,
            model=self.model,
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=kwargs.pop("max_tokens", self.max_tokens),
            attempts=kwargs.pop("attempts", 3),
            **kwargs,
        )
        return response.completion.strip(), response.stop_reason


claude = ClaudeClient()
print(claude.complete("What is the capital of Peru?"))
print(claude.complete("Tell me a very long story.", max_tokens=4, attempts=1))
print(claude.complete("Say ok, then stop.", stop_sequences=["STOP"], temperature=0))
