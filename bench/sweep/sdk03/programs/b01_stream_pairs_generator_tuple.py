import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()


def stream_pieces(question, max_tokens=60):
    stream = client.completions.create(
        model="claude-2",
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
        stream=True,
    )
    for event in stream:
        yield event.completion, event.stop_reason


def run(question, max_tokens):
    text, reason = "", None
    for piece, why in stream_pieces(question, max_tokens):
        text += piece
        if why is not None:
            reason = why
    return text.strip(), reason


for q, n in [("Name three rivers.", 60), ("Describe the moon in detail.", 4)]:
    text, reason = run(q, n)
    print(f"[{reason}] {text}")
