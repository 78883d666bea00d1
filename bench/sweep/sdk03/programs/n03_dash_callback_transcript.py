import re

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()
SPLIT = re.compile(f"({re.escape(HUMAN_PROMPT)}|{re.escape(AI_PROMPT)})")


def on_submit(n_clicks, message, transcript):
    """A stateless UI callback: the transcript string travels through the page."""
    if not n_clicks or not message:
        return transcript, ""
    transcript = (transcript or "") + f"{HUMAN_PROMPT} {message}{AI_PROMPT}"
    response = client.completions.create(
        prompt=transcript,
        model="claude-2",
        max_tokens_to_sample=80,
        stop_sequences=[HUMAN_PROMPT],
    )
    transcript += response.completion
    return transcript, ""


def bubbles(transcript):
    parts = SPLIT.split(transcript)
    out = []
    for marker, text in zip(parts[1::2], parts[2::2]):
        who = "you" if marker == HUMAN_PROMPT else "bot"
        out.append((who, text.strip()))
    return out


state = None
for clicks, msg in [(1, "Plan a picnic."), (2, ""), (3, "Make it vegetarian.")]:
    state, _ = on_submit(clicks, msg, state)
for who, text in bubbles(state):
    print(f"{who:>3}: {text}")
print("bubbles:", len(bubbles(state)))
