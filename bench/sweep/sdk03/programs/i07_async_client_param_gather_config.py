# migrator-fixture: requests-unordered
import asyncio
from dataclasses import dataclass, field

import anthropic


@dataclass
class GenConfig:
    model: str = "claude-instant-1.2"
    budget: int = 40
    stops: list = field(default_factory=lambda: [anthropic.HUMAN_PROMPT, "STOP"])


def make_kwargs(cfg, text):
    return {
        "model": cfg.model,
        "max_tokens_to_sample": cfg.budget,
        "stop_sequences": cfg.stops,
        "prompt": f"{anthropic.HUMAN_PROMPT} Classify: {text}{anthropic.AI_PROMPT}",
    }


async def classify(aclient: anthropic.AsyncAnthropic, cfg, text):
    result = await aclient.completions.create(**make_kwargs(cfg, text))
    return text, result.completion.strip(), result.stop_reason


async def main():
    cfg = GenConfig()
    aclient = anthropic.AsyncAnthropic()
    items = ["great product", "stop the spam", "meh"]
    rows = await asyncio.gather(*(classify(aclient, cfg, t) for t in items))
    for text, label, reason in rows:
        print(f"{text!r}: {reason} {label}")


asyncio.run(main())
