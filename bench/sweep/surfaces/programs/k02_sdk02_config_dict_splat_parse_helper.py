# migrator-fixture: sdk02
import os

import anthropic

SETTINGS = {
    "model": "claude-v1.3",
    "max_tokens_to_sample": 80,
    "temperature": 0.3,
}

client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])


def build_prompt(question, context=None):
    prompt = anthropic.HUMAN_PROMPT
    if context:
        prompt += f" Context: {context}\n"
    prompt += f" {question}" + anthropic.AI_PROMPT
    return prompt


def parse(resp):
    return resp.get("completion", "").strip()


def finished(resp):
    return resp.get("stop_reason") == "stop_sequence"


def run(question, context=None, **overrides):
    params = {**SETTINGS, **overrides}
    params["prompt"] = build_prompt(question, context)
    params.setdefault("stop_sequences", [anthropic.HUMAN_PROMPT])
    resp = client.completion(**params)
    return parse(resp), finished(resp)


print(run("What is the capital of Italy?"))
print(run("Summarize this.", context="Cats sleep a lot.", max_tokens_to_sample=4))
