# migrator-fixture: sdk02
import os

import anthropic

KEY = os.environ["ANTHROPIC_API_KEY"]
CLIENTS = {"fast": anthropic.Client(KEY), "smart": anthropic.Client(KEY, default_request_timeout=60)}
MODELS = {"fast": "claude-instant-v1", "smart": "claude-v1.3-100k"}
LIMITS = {"fast": 8, "smart": 100000}


def normalise(raw):
    if not isinstance(raw, dict):
        raise TypeError(type(raw).__name__)
    return {
        "text": raw["completion"].strip(),
        "truncated": raw.get("stop_reason") == "max_tokens",
    }


def run(tier, question):
    raw = CLIENTS[tier].completion(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        model=MODELS[tier],
        max_tokens_to_sample=LIMITS[tier],
        temperature=0.0,
    )
    return normalise(raw)


for tier in ("fast", "smart"):
    result = run(tier, "Explain what a glacier is.")
    print(tier, result["truncated"], len(result["text"]), result["text"])
