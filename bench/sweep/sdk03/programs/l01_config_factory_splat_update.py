import os

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()


def load_config():
    return {
        "model": os.environ.get("CLAUDE_MODEL", "claude-2"),
        "temperature": 0.2,
        "max_tokens": 60,
    }


def build_request(cfg, question):
    request = {k: v for k, v in cfg.items() if k != "max_tokens"}
    request.update(
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=cfg.get("max_tokens", 256),
    )
    request.setdefault("stop_sequences", [HUMAN_PROMPT])
    return request


def answer(question, cfg=None):
    cfg = cfg or load_config()
    resp = client.completions.create(**build_request(cfg, question))
    return resp.completion.strip(), resp.stop_reason


cfg = load_config()
for q in ["Name a planet.", "Describe Jupiter in detail."]:
    text, reason = answer(q, cfg)
    print(reason, "|", text)
short = dict(cfg, max_tokens=4)
text, reason = answer("Describe Saturn in detail.", short)
print(reason, "|", text, "|", len(text.split()))
