import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class GenerationConfig:
    model = "claude-2"
    max_tokens = 80
    stop = [HUMAN_PROMPT, "STOP"]
    end_reasons = ("stop_sequence",)

    def __init__(self, **overrides):
        for key, value in overrides.items():
            setattr(self, key, value)


def generate(client, cfg, question):
    resp = client.completions.create(
        model=cfg.model,
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=cfg.max_tokens,
        stop_sequences=cfg.stop,
    )
    finished = resp.stop_reason in cfg.end_reasons
    return resp.completion.strip(), finished


client = anthropic.Anthropic()
default = GenerationConfig()
tight = GenerationConfig(max_tokens=3)
for cfg, q in [(default, "Name a river."), (default, "Count and stop."), (tight, "Name a mountain range.")]:
    text, finished = generate(client, cfg, q)
    print("finished" if finished else "unfinished", "|", text)
