import time

import anthropic

HUMAN, AI = anthropic.HUMAN_PROMPT, anthropic.AI_PROMPT
APIStatusError = anthropic.APIStatusError
RateLimitError = anthropic.RateLimitError

anthropic = anthropic.Anthropic()


def ask(question, retries=3, max_tokens=60):
    for attempt in range(retries):
        try:
            resp = anthropic.completions.create(
                prompt=f"{HUMAN} {question} {AI}",
                model="claude-v1.3",
                max_tokens_to_sample=max_tokens,
            )
            return resp.completion
        except RateLimitError:
            time.sleep(0.01 * (attempt + 1))
        except APIStatusError as err:
            return f"error {err.status_code}"
    return ""


for q in ("Name a constellation.", "Name a nebula."):
    out = ask(q)
    print(out.strip())
    print(len(out.split()))
print(ask("Name a galaxy.", max_tokens=3).strip())
