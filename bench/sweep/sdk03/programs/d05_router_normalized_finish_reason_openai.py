import os

import anthropic

FINISH_REASON = {"stop_sequence": "stop", "max_tokens": "length"}


def complete(model, prompt, max_tokens=64, stop=None):
    """Provider-neutral completion returning {'text', 'finish_reason', 'model'}."""
    if model.startswith("claude"):
        client = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))
        response = client.completions.create(
            model=model,
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
            stop_sequences=stop or [],
        )
        return {
            "text": response.completion,
            "finish_reason": FINISH_REASON.get(response.stop_reason, response.stop_reason),
            "model": model,
        }
    # OPENAI-BEGIN
    import openai

    client = openai.OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))
    response = client.completions.create(model=model, prompt=prompt, max_tokens=max_tokens, stop=stop)
    choice = response.choices[0]
    return {"text": choice.text, "finish_reason": choice.finish_reason, "model": model}
    # OPENAI-END


MODELS = os.environ.get("EVAL_MODELS", "claude-instant-1,claude-2").split(",")
CASES = [
    ("Give one word for happy.", 64, None),
    ("Count slowly to five, say stop when done.", 64, ["three"]),
    ("Describe the ocean in great detail please.", 4, None),
]

for model in MODELS:
    for prompt, max_tokens, stop in CASES:
        out = complete(model, prompt, max_tokens=max_tokens, stop=stop)
        print(f"{out['model']:18} {out['finish_reason']:8} {out['text'].strip()[:50]}")
