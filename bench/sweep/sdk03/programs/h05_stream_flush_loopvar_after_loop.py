import os
import sys

import anthropic

MODEL_NAME = os.environ.get("CLAUDE_MODEL", "claude-2")
client = anthropic.Anthropic()


def tell(topic, max_tokens=80):
    prompt = f"\n\nHuman: Tell me one fact about {topic}.\n\nAssistant: "
    stream = client.completions.create(
        prompt=prompt,
        model=MODEL_NAME,
        max_tokens_to_sample=max_tokens,
        stream=True,
    )
    text = ""
    for chunk in stream:
        sys.stdout.write(chunk.completion)
        sys.stdout.flush()
        text += chunk.completion
    print()
    if chunk.stop_reason == "max_tokens":
        print("[truncated]")
    return text


facts = [tell("owls"), tell("volcanoes", max_tokens=4)]
print(len(facts), [len(f.split()) for f in facts])
