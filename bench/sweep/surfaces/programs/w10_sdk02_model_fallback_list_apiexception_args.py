# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])

# Newest first; older deployments may not have every model yet.
FALLBACK_MODELS = ["claude-next", "claude-v1.3", "claude-instant-v1"]


def complete_with_fallback(prompt, max_tokens=100):
    errors = []
    for model in FALLBACK_MODELS:
        try:
            response = client.completion(
                prompt=prompt,
                model=model,
                max_tokens_to_sample=max_tokens,
                stop_sequences=[anthropic.HUMAN_PROMPT],
            )
        except anthropic.ApiException as e:
            message = e.args[0] if e.args else str(e)
            errors.append((model, "404" in str(message) or "not_found" in str(e)))
            continue
        return model, response["completion"], errors
    raise RuntimeError("no model available: %r" % errors)


prompt = anthropic.HUMAN_PROMPT + " Suggest a name for a grey kitten." + anthropic.AI_PROMPT
model, text, errors = complete_with_fallback(prompt)
print("skipped:", errors)
print("answered by:", model)
print(text.strip())
