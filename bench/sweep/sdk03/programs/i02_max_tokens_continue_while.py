import anthropic

client = anthropic.Anthropic()


class LongWriter:
    def __init__(self, chunk_tokens=4, max_rounds=5):
        self.chunk_tokens = chunk_tokens
        self.max_rounds = max_rounds
        self.last_reason = None

    def write(self, topic):
        prompt = f"{anthropic.HUMAN_PROMPT} Write about {topic}.{anthropic.AI_PROMPT}"
        text = ""
        rounds = 0
        self.last_reason = "max_tokens"
        while self.last_reason == "max_tokens" and rounds < self.max_rounds:
            resp = client.completions.create(
                model="claude-instant-1",
                prompt=prompt + text,
                max_tokens_to_sample=self.chunk_tokens,
            )
            piece, self.last_reason = resp.completion, resp.stop_reason
            text += piece
            rounds += 1
        return text, rounds


for chunk in (4, 40):
    writer = LongWriter(chunk_tokens=chunk)
    body, n = writer.write("lighthouses")
    status = "complete" if writer.last_reason == "stop_sequence" else "partial"
    print(n, status)
    print(body.strip())
