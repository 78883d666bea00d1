import time

import anthropic

MODEL_NAME = "claude-instant-1.2"
MAX_RETRIES = 3
DEFAULT_PARAMS = {"max_tokens_to_sample": 64, "temperature": 0.0}


class ClaudeProvider:
    def __init__(self, model=MODEL_NAME):
        self.client = anthropic.Anthropic(max_retries=0)
        self.model = model

    def complete(self, prompt):
        last_error = None
        for attempt in range(MAX_RETRIES):
            try:
                return self.client.completions.create(
                    model=self.model,
                    prompt=prompt,
                    **DEFAULT_PARAMS,
                )
            except (anthropic.APIConnectionError, anthropic.RateLimitError) as err:
                last_error = err
                time.sleep(0.1 * 2**attempt)
        raise RuntimeError("gave up") from last_error


provider = ClaudeProvider()
question = "What is a glacier?"
resp = provider.complete(f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}")
print(resp.completion.strip())
print("truncated" if resp.stop_reason == "max_tokens" else "complete")
