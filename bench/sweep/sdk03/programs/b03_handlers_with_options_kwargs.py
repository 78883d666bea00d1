import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


class StreamHandler:
    def on_token(self, token):
        pass

    def on_end(self, reason):
        pass


class Collector(StreamHandler):
    def __init__(self):
        self.parts = []

    def on_token(self, token):
        self.parts.append(token)

    def on_end(self, reason):
        print("finished:", reason, "".join(self.parts).strip())


class WordCounter(StreamHandler):
    def __init__(self):
        self.words = 0

    def on_token(self, token):
        self.words += len(token.split())

    def on_end(self, reason):
        print("words:", self.words)


def stream_with_handlers(client, prompt, handlers, **params):
    stream = client.with_options(max_retries=4, timeout=30.0).completions.create(
        prompt=prompt, stream=True, **params
    )
    last = None
    for chunk in stream:
        for handler in handlers:
            handler.on_token(chunk.completion)
        last = chunk
    for handler in handlers:
        handler.on_end(last.stop_reason if last else None)


client = anthropic.Anthropic()
for topic in ["lighthouses", "the tide"]:
    prompt = HUMAN_PROMPT + f" Write two sentences about {topic}." + AI_PROMPT
    stream_with_handlers(
        client, prompt, [Collector(), WordCounter()], model="claude-2", max_tokens_to_sample=30
    )
