import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class CompletionStream:
    """Wraps an SDK stream: iterate for text, then read .text and .stop_reason."""

    def __init__(self, raw):
        self._raw = raw
        self._parts = []
        self.stop_reason = None

    def __iter__(self):
        for event in self._raw:
            self._parts.append(event.completion)
            if event.stop_reason:
                self.stop_reason = event.stop_reason
            yield event.completion

    @property
    def text(self):
        return "".join(self._parts)

    @property
    def truncated(self):
        return self.stop_reason == "max_tokens"


def open_stream(client, prompt, max_tokens):
    return CompletionStream(
        client.completions.create(
            model="claude-2.1",
            prompt=prompt,
            max_tokens_to_sample=max_tokens,
            stream=True,
        )
    )


client = anthropic.Anthropic()
for question, limit in [("What is a sextant?", 50), ("Explain tides at length.", 5)]:
    stream = open_stream(client, f"{HUMAN_PROMPT} {question}{AI_PROMPT}", limit)
    seen = 0
    for _ in stream:
        seen += 1
    print(seen > 0, stream.truncated, stream.stop_reason)
    print(stream.text.strip())
