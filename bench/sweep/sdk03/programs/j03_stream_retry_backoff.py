import time

import anthropic

client = anthropic.Anthropic(max_retries=0)
RETRYABLE = (anthropic.APIConnectionError, anthropic.RateLimitError, anthropic.InternalServerError)


def stream_with_retry(prompt, attempts=4, base_delay=0.01):
    for attempt in range(attempts):
        try:
            text, last = "", None
            stream = client.completions.create(
                model="claude-2",
                prompt=prompt,
                max_tokens_to_sample=120,
                stream=True,
            )
            for event in stream:
                text += event.completion
                last = event.stop_reason
            return text, last
        except RETRYABLE as err:
            delay = base_delay * 2**attempt
            print(f"retry {attempt + 1} after {type(err).__name__}, sleeping {delay:.2f}s")
            time.sleep(delay)
    raise RuntimeError(f"gave up after {attempts} attempts")


prompt = f"{anthropic.HUMAN_PROMPT} Write a haiku about rain.{anthropic.AI_PROMPT}"
text, reason = stream_with_retry(prompt)
print(repr(text.strip()))
print("stop:", reason)
