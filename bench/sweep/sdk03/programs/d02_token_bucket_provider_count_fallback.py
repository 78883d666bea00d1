import logging
import sys
import time

import anthropic

logger = logging.getLogger("llm.anthropic")
_handler = logging.StreamHandler(sys.stdout)
_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
logger.addHandler(_handler)
logger.setLevel(logging.INFO)


class TokenBucket:
    def __init__(self, rate_per_min, clock=time.monotonic):
        self.capacity = rate_per_min
        self.tokens = float(rate_per_min)
        self.clock = clock
        self.updated = clock()

    def take(self, n):
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.capacity / 60)
        self.updated = now
        if self.tokens < n:
            return False
        self.tokens -= n
        return True


class AnthropicLLM:
    def __init__(self, model="claude-instant-1", max_tokens=256, tokens_per_minute=400):
        self.client = anthropic.Anthropic(max_retries=1)
        self.model = model
        self.max_tokens = max_tokens
        self.bucket = TokenBucket(tokens_per_minute)
        self.total_chars = 0

    def estimate_tokens(self, text):
        counter = getattr(self.client, "count_tokens", None)
        if counter is not None:
            return counter(text)
        return max(1, len(text) // 4)

    def __call__(self, question):
        prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
        needed = self.estimate_tokens(prompt) + self.max_tokens
        if not self.bucket.take(needed):
            logger.warning("rate limited: need %d tokens", needed)
            return None
        response = self.client.completions.create(
            model=self.model,
            prompt=prompt,
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        self.total_chars += len(response.completion)
        logger.info("stop_reason=%s chars=%d", response.stop_reason, len(response.completion))
        return response.completion.strip()


llm = AnthropicLLM(max_tokens=20, tokens_per_minute=100)
for q in ["What is a token bucket?", "Say hello and stop.", "Explain rate limits in detail."]:
    answer = llm(q)
    print(repr(answer))
print("total chars:", llm.total_chars)
