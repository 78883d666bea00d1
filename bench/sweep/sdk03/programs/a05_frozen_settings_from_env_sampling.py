import os
from dataclasses import dataclass

import anthropic


@dataclass(frozen=True)
class Settings:
    model: str
    max_tokens: int
    temperature: float
    top_p: float
    timeout: float
    max_retries: int

    @classmethod
    def from_env(cls, env=os.environ):
        return cls(
            model=env.get("CLAUDE_MODEL", "claude-2.1"),
            max_tokens=int(env.get("CLAUDE_MAX_TOKENS", "48")),
            temperature=float(env.get("CLAUDE_TEMPERATURE", "0.2")),
            top_p=float(env.get("CLAUDE_TOP_P", "0.9")),
            timeout=float(env.get("CLAUDE_TIMEOUT", "30")),
            max_retries=int(env.get("CLAUDE_MAX_RETRIES", "2")),
        )

    def sampling(self):
        return {
            "max_tokens_to_sample": self.max_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
        }


SETTINGS = Settings.from_env()
client = anthropic.Anthropic(timeout=SETTINGS.timeout, max_retries=SETTINGS.max_retries)


def describe(product, audience):
    prompt = (
        f"{anthropic.HUMAN_PROMPT} Write a product blurb for {product}."
        f" The audience is {audience}.{anthropic.AI_PROMPT}"
    )
    resp = client.completions.create(model=SETTINGS.model, prompt=prompt, **SETTINGS.sampling())
    return resp.completion.strip()


for product, audience in [("a solar lantern", "campers"), ("a standing desk", "remote workers")]:
    blurb = describe(product, audience)
    print(f"{product}: {len(blurb.split())} words | {blurb}")
