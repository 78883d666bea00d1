# migrator-fixture: sdk02
import os

import anthropic

MODELS = ["claude-v1.3", "claude-instant-v1"]


def build_prompt(question, context=None):
    if context:
        return (
            f"{anthropic.HUMAN_PROMPT} Use this context to answer.\n<context>{context}</context>\n\n"
            f"Question: {question}{anthropic.AI_PROMPT}"
        )
    return f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"


def complete_with_fallback(client, prompt, **kwargs):
    last_error = None
    for model in MODELS:
        try:
            return model, client.completion(prompt=prompt, model=model, **kwargs)
        except anthropic.ApiException as exc:
            last_error = exc
            print("model failed:", model)
    raise last_error


client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
jobs = [
    ("Who wrote Hamlet?", None),
    ("When was it written?", "Hamlet is a tragedy by Shakespeare, first performed around 1600."),
]
for question, ctx in jobs:
    used, resp = complete_with_fallback(
        client,
        build_prompt(question, ctx),
        max_tokens_to_sample=80,
        stop_sequences=[anthropic.HUMAN_PROMPT],
        temperature=0.3,
    )
    print(used, "|", resp["completion"].strip(), "|", resp.get("stop_reason"))
