import time

import anthropic

client = anthropic.Anthropic()
resp = None
for attempt in range(3):
    try:
        resp = client.completions.create(
            model="claude-2",
            max_tokens_to_sample=20,
            prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}",
        )
        break
    except anthropic.RateLimitError:
        time.sleep(1)
if resp is not None and resp.completion:
    print(resp.completion)
