import os
from dataclasses import dataclass

import anthropic

FINISH = {"stop_sequence": "stop", "max_tokens": "length"}


@dataclass
class LLMResult:
    text: str
    finish_reason: str
    provider: str
    prompt_tokens_est: int


def _anthropic_complete(model, prompt, max_tokens, stop, **kwargs):
    client = anthropic.Anthropic(api_key=os.environ.get("ANTHROPIC_API_KEY"))
    request = {
        "model": model,
        "prompt": f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": list(stop or []),
    }
    res = client.completions.create(**request, **kwargs)
    return LLMResult(res.completion, FINISH.get(res.stop_reason, "stop"), "anthropic", len(prompt) // 4 + 4)


# OPENAI-BEGIN
def _openai_complete(model, prompt, max_tokens, stop, **kwargs):
    from openai import OpenAI

    res = OpenAI().completions.create(model=model, prompt=prompt, max_tokens=max_tokens, stop=stop, **kwargs)
    choice = res.choices[0]
    return LLMResult(choice.text, choice.finish_reason, "openai", res.usage.prompt_tokens)
# OPENAI-END


def completion(model: str, prompt: str, max_tokens: int = 64, stop=None, **kwargs) -> LLMResult:
    """`model` is "provider/name", e.g. "anthropic/claude-2"."""
    provider, _, name = model.partition("/")
    if provider == "anthropic":
        return _anthropic_complete(name, prompt, max_tokens, stop, **kwargs)
    # OPENAI-BEGIN
    if provider == "openai":
        return _openai_complete(name, prompt, max_tokens, stop, **kwargs)
    # OPENAI-END
    raise ValueError(f"unknown provider {provider!r}")


for spec, prompt, extra in [
    ("anthropic/claude-2", "Give me a synonym for fast.", {}),
    ("anthropic/claude-instant-1", "Explain photosynthesis thoroughly.", {"max_tokens": 5}),
    ("anthropic/claude-2", "Say go, then stop.", {"stop": ("STOP",), "temperature": 0.1}),
]:
    r = completion(spec, prompt, **extra)
    print(f"{r.provider}:{r.finish_reason} ~{r.prompt_tokens_est}t {r.text.strip()!r}")
try:
    completion("cohere/command", "hi")
except ValueError as exc:
    print("error:", exc)
