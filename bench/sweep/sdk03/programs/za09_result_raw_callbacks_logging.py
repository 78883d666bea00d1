import logging
import sys
from dataclasses import dataclass, field
from typing import Any

import anthropic

log = logging.getLogger("app.llm")
log.setLevel(logging.DEBUG)
logging.basicConfig(stream=sys.stdout, format="%(levelname)s:%(message)s")


@dataclass
class Generation:
    text: str
    raw: Any = None
    meta: dict = field(default_factory=dict)


class LoggingCallback:
    def on_end(self, gen: Generation):
        log.info("generated %d chars, stop=%s", len(gen.text), gen.raw.stop_reason)


class TruncationCallback:
    def __init__(self):
        self.truncated = 0

    def on_end(self, gen: Generation):
        if gen.raw.stop_reason == "max_tokens":
            self.truncated += 1
            log.warning("truncated: %r", gen.raw.completion[-15:])


class ClaudeWrapper:
    def __init__(self, model="claude-instant-1.2", callbacks=(), **default_kwargs):
        self.client = anthropic.Anthropic()
        self.model = model
        self.callbacks = list(callbacks)
        self.default_kwargs = {"max_tokens_to_sample": 64, **default_kwargs}

    def generate(self, prompt, **kwargs):
        raw = self.client.completions.create(
            model=self.model,
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            **{**self.default_kwargs, **kwargs},
        )
        gen = Generation(text=raw.completion.strip(), raw=raw, meta={"prompt": prompt})
        for cb in self.callbacks:
            cb.on_end(gen)
        return gen


trunc = TruncationCallback()
llm = ClaudeWrapper(callbacks=[LoggingCallback(), trunc], temperature=0.5)
for p in ["Name a planet.", "Write a long saga about dragons.", "Say hi and stop."]:
    g = llm.generate(p, max_tokens_to_sample=6) if "saga" in p else llm.generate(p, stop_sequences=["STOP"])
    print(g.meta["prompt"], "->", g.text)
print("truncated:", trunc.truncated)
