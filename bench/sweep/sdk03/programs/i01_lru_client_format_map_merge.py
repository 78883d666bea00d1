import functools

import anthropic


@functools.lru_cache(maxsize=None)
def get_client():
    return anthropic.Anthropic(max_retries=1)


class Prompts:
    QA = "{human} You are answering for {team}.\n\n{question}{ai}"
    MARKERS = {"human": anthropic.HUMAN_PROMPT, "ai": anthropic.AI_PROMPT}


BASE = {"model": "claude-2", "max_tokens_to_sample": 60}


def build_request(question, team, **extra):
    values = dict(Prompts.MARKERS, team=team, question=question)
    return {**BASE, **extra, "prompt": Prompts.QA.format_map(values)}


def answer(question, team="support", **extra):
    resp = get_client().completions.create(**build_request(question, team, **extra))
    return resp.completion.strip(), resp.stop_reason


for q, extra in [("What is a refund?", {}), ("Count and stop.", {"stop_sequences": ["STOP"]}), ("Explain VAT.", {"max_tokens_to_sample": 4})]:
    text, reason = answer(q, **extra)
    print(reason, "|", text)
