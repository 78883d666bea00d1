import re
from dataclasses import dataclass, field

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

END_TAG = "</answer>"


@dataclass
class GenerationConfig:
    model: str = "claude-v1.3"
    max_tokens_to_sample: int = 120
    stop: tuple = (HUMAN_PROMPT,)
    extra_stops: list = field(default_factory=list)


def ask(client, question, config=GenerationConfig()):
    resp = client.completions.create(
        model=config.model,
        prompt=f"{HUMAN_PROMPT} {question} Put the answer in tags.{AI_PROMPT} <answer>",
        max_tokens_to_sample=config.max_tokens_to_sample,
        stop_sequences=list(config.stop) + config.extra_stops + [END_TAG],
    )
    text = "<answer>" + resp.completion + END_TAG
    match = re.search(r"<answer>(.*?)</answer>", text, re.S)
    return match.group(1).strip().split()


client = anthropic.Anthropic()
print(ask(client, "What is the capital of Peru?"))
print(ask(client, "List three colours.", GenerationConfig(extra_stops=["STOP"]))[:3])
print(ask(client, "Please stop early.", GenerationConfig(model="claude-instant-1", extra_stops=["STOP"])))
