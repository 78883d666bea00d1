from dataclasses import dataclass

import anthropic


@dataclass
class Config:
    model: str = "claude-2"
    max_tokens: int = 64
    temperature: float = 0.3


def ask(cfg, q):
    client = anthropic.Anthropic()
    r = client.completions.create(
        model=cfg.model,
        max_tokens_to_sample=cfg.max_tokens,
        temperature=cfg.temperature,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
    )
    return r.completion


print(ask(Config(), "What is a comet?"))
