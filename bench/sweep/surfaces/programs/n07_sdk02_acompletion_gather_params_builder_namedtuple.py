# migrator-fixture: sdk02
import asyncio
import os
from typing import NamedTuple

import anthropic

DEFAULT_MODEL = os.getenv("CLAUDE_MODEL", "claude-instant-v1")
client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
rate_limit = asyncio.Semaphore(1)


class Result(NamedTuple):
    text: str
    stop_reason: str
    truncated: bool


def build_params(question, model=DEFAULT_MODEL, max_tokens=100):
    return {
        "prompt": f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        "model": model,
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": [anthropic.HUMAN_PROMPT],
    }


def parse(resp):
    return Result(resp["completion"].strip(), resp["stop_reason"], resp["stop_reason"] == "max_tokens")


async def ask(question, **kw):
    async with rate_limit:
        resp = await client.acompletion(**build_params(question, **kw))
    return parse(resp)


async def main():
    questions = [("What is a comet?", {}), ("Describe Saturn at length.", {"max_tokens": 4}), ("Name a moon.", {"model": "claude-v1"})]
    results = await asyncio.gather(*(ask(q, **kw) for q, kw in questions))
    for (q, _), r in zip(questions, results):
        print(q, "->", r.stop_reason, r.truncated, r.text)


asyncio.run(main())
