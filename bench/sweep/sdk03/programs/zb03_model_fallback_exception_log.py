import time

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic(max_retries=0)
FALLBACK_MODELS = ["claude-next-preview", "claude-2.1", "claude-instant-1.2"]
RETRYABLE = (anthropic.RateLimitError, anthropic.InternalServerError, anthropic.APIConnectionError)
attempt_log = []


def complete(prompt, models=FALLBACK_MODELS, tries_per_model=2, **params):
    last_error = None
    for model in models:
        for attempt in range(tries_per_model):
            try:
                return model, client.completions.create(
                    model=model, prompt=prompt, max_tokens_to_sample=64, **params
                )
            except RETRYABLE as err:
                attempt_log.append((model, attempt, type(err).__name__))
                time.sleep(0.01 * 2**attempt)
                last_error = err
            except (anthropic.NotFoundError, anthropic.PermissionDeniedError) as err:
                attempt_log.append((model, attempt, f"{type(err).__name__} {err.status_code}"))
                last_error = err
                break
    raise RuntimeError(f"all models failed: {last_error}")


questions = ["Name a famous bridge.", "Give me a word that rhymes with cat."]
answers = {}
for q in questions:
    used, resp = complete(f"{HUMAN_PROMPT} {q}{AI_PROMPT}", temperature=0.0)
    answers[q] = (used.split("-")[1], resp.completion.strip())

for q, (family, text) in answers.items():
    print(f"{q} [{family}] -> {text}")
print("log:", attempt_log)
