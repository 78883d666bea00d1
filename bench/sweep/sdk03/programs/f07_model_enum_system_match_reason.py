from enum import Enum

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


class Model(str, Enum):
    FAST = "claude-instant-1.2"
    SMART = "claude-2.1"


SYSTEM = "You are a terse assistant for a hardware store."
client = Anthropic()


def make_prompt(question, system=SYSTEM):
    return f"{system}{HUMAN_PROMPT} {question}{AI_PROMPT}"


def ask(question, model: Model = Model.FAST, max_tokens: int = 100):
    resp = client.completions.create(
        model=model.value,
        prompt=make_prompt(question),
        max_tokens_to_sample=max_tokens,
        top_k=5,
    )
    match resp.stop_reason:
        case "stop_sequence":
            note = "ok"
        case "max_tokens":
            note = "needs more tokens"
        case other:
            note = f"unexpected {other}"
    return resp.completion.strip(), note


for q, model, limit in [
    ("Which screws for drywall?", Model.FAST, 100),
    ("How do I fix a leaking tap?", Model.SMART, 4),
]:
    answer, note = ask(q, model, limit)
    print(f"{model.name}: {answer} <{note}>")
