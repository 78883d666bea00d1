import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

MODEL = "claude-2.1"
DEFAULTS = {
    "model": MODEL,
    "max_tokens_to_sample": 60,
    "stop_sequences": [HUMAN_PROMPT],
}
client = anthropic.Anthropic()


def ask(question, **overrides):
    request = {**DEFAULTS, **overrides, "prompt": f"{HUMAN_PROMPT} {question}{AI_PROMPT}"}
    return client.completions.create(**request)


def ask_short(question):
    return client.completions.create(
        **{**DEFAULTS, "max_tokens_to_sample": 3},
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
    )


print(ask("Name a spice.").completion)
print(ask("Name a herb.", temperature=0.1).completion)
r = ask_short("Describe saffron at length.")
print(r.completion, r.stop_reason == "max_tokens")
