from collections import ChainMap

import anthropic


class ClaudeCompletion:
    """Thin wrapper: class-level defaults < instance overrides < per-call kwargs."""

    DEFAULT_PARAMS = {
        "model": "claude-instant-1",
        "max_tokens_to_sample": 50,
        "temperature": 0.7,
        "stop_sequences": [anthropic.HUMAN_PROMPT],
    }
    PROMPT_TEMPLATE = "{human} {question}{ai}"

    def __init__(self, **overrides):
        self.client = anthropic.Anthropic()
        self.overrides = overrides

    def params(self, **kwargs):
        return dict(ChainMap(kwargs, self.overrides, self.DEFAULT_PARAMS))

    def __call__(self, question, **kwargs):
        prompt = self.PROMPT_TEMPLATE.format(
            human=anthropic.HUMAN_PROMPT, question=question, ai=anthropic.AI_PROMPT
        )
        response = self.client.completions.create(prompt=prompt, **self.params(**kwargs))
        return response


default = ClaudeCompletion()
precise = ClaudeCompletion(temperature=0.0, model="claude-2")

for llm, question, kwargs in [
    (default, "What colour is the sky?", {}),
    (precise, "What is the boiling point of water in Celsius?", {}),
    (precise, "Tell me everything about volcanoes.", {"max_tokens_to_sample": 7}),
    (default, "Count to three and stop.", {"stop_sequences": ["STOP"]}),
]:
    r = llm(question, **kwargs)
    print(llm.params(**kwargs)["model"], r.stop_reason, "|", r.completion.strip())
