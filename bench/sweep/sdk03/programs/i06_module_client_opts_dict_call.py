import os

import anthropic

CLIENT_OPTS = {"max_retries": 1, "timeout": 30.0}
client = anthropic.Anthropic(**CLIENT_OPTS)

DEFAULTS = dict(model=os.environ.get("CLAUDE_MODEL", "claude-v1"), max_tokens_to_sample=40, temperature=0.0)


def request_for(question, **overrides):
    return dict(DEFAULTS, prompt="\n\nHuman: " + question + "\n\nAssistant:", **overrides)


def ask(question, **overrides):
    response = client.completions.create(**request_for(question, **overrides))
    return response


answers = [ask("Name a color."), ask("Please stop counting now.", stop_sequences=["STOP"])]
for a in answers:
    print(a.stop_reason, a.completion.strip())
print(sum(len(a.completion) for a in answers))
