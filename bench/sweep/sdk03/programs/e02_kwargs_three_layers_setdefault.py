import anthropic

HUMAN = anthropic.HUMAN_PROMPT
AI = anthropic.AI_PROMPT

_client = anthropic.Anthropic()


def _raw_call(prompt, **kwargs):
    response = _client.completions.create(prompt=prompt, **kwargs)
    return response.completion


def _complete(prompt, **kwargs):
    kwargs.setdefault("model", "claude-2")
    kwargs.setdefault("max_tokens_to_sample", 120)
    kwargs.setdefault("stop_sequences", [HUMAN])
    return _raw_call(prompt, **kwargs).strip()


def ask(question, system=None, **kwargs):
    prompt = f"{HUMAN} {question}{AI}"
    if system:
        prompt = f"{system}{prompt}"
    return _complete(prompt, **kwargs)


print(ask("What is a prime number?"))
print(ask("Summarise the French revolution.", system="You are terse.", max_tokens_to_sample=6))
print(ask("List three colours.", temperature=0.0, model="claude-instant-1"))
