# migrator-fixture: sdk02
"""Command handlers of a Discord-style bot: !ask, !tldr, !haiku."""
import asyncio
import os
from dataclasses import dataclass

import anthropic


@dataclass
class Settings:
    api_key: str = os.environ.get("ANTHROPIC_API_KEY", "")
    model: str = "claude-instant-v1"
    max_tokens: int = 120
    temperature: float = 0.7


settings = Settings()
claude = anthropic.Client(settings.api_key)

TEMPLATES = {
    "ask": "{q}",
    "tldr": "Give a one-line TL;DR of the following text:\n\n{q}",
    "haiku": "Write a haiku about {q}.",
}


def format_reply(resp):
    text = resp["completion"].strip()
    if resp["stop_reason"] != "stop_sequence":
        text += " [cut]"
    return text


async def on_message(content):
    if not content.startswith("!"):
        return None
    command, _, arg = content[1:].partition(" ")
    if command not in TEMPLATES:
        return f"unknown command: {command}"
    limit = 6 if command == "tldr" else settings.max_tokens
    resp = await claude.acompletion(
        prompt=f"{anthropic.HUMAN_PROMPT} {TEMPLATES[command].format(q=arg)}{anthropic.AI_PROMPT}",
        model=settings.model,
        max_tokens_to_sample=limit,
        temperature=settings.temperature,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    return format_reply(resp)


# KEEP-BEGIN
class EchoBackend:
    def completion(self, prompt):
        return {"completion": prompt.upper(), "stop_reason": "stop_sequence"}
# KEEP-END


messages = ["!ask What is Rust?", "!tldr " + "The meeting ran long and covered budgets, hiring and travel. " * 3,
            "!haiku autumn", "!dance", "hello there"]
loop = asyncio.new_event_loop()
for m in messages:
    print(repr(loop.run_until_complete(on_message(m))))
loop.close()
print(format_reply(EchoBackend().completion("offline")))
