import anthropic
from anthropic import AnthropicBedrock

DEFAULT_MODEL = "anthropic.claude-instant-v1"
client = AnthropicBedrock(aws_region="us-west-2")


def build_request(question, *, model=DEFAULT_MODEL, max_tokens=256, **extra):
    return {
        "model": model,
        "prompt": f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        "max_tokens_to_sample": max_tokens,
        **extra,
    }


def ask(question, **kw):
    return client.completions.create(**build_request(question, **kw)).completion.strip()


def ask_streaming(question, **kw):
    stream = client.completions.create(**build_request(question, stream=True, **kw))
    out = []
    for event in stream:
        out.append(event.completion)
    return "".join(out).strip()


print(ask("What is a comet?"))
print(ask("What is a comet?", model="anthropic.claude-v2", temperature=0.0))
print(ask_streaming("Name three moons of Jupiter.", max_tokens=5))
