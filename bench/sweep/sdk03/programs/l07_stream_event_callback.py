import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT


class Printer:
    def __init__(self):
        self.tokens = []
        self.stop_reason = None

    def __call__(self, event):
        if event.completion:
            self.tokens.append(event.completion)
        if event.stop_reason:
            self.stop_reason = event.stop_reason


def stream_completion(client, prompt, callback, max_tokens=40):
    stream = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=max_tokens,
        stream=True,
    )
    for event in stream:
        callback(event)
    return callback


client = anthropic.Anthropic()
for limit in (40, 5):
    cb = stream_completion(client, f"{HUMAN_PROMPT} Describe a harbour at dawn.{AI_PROMPT}", Printer(), limit)
    print(limit, cb.stop_reason, len(cb.tokens) > 1)
    print("".join(cb.tokens))
