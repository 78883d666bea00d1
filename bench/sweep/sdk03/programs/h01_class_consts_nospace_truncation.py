from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

DOCS = [
    "The river floods every spring and the farmers plant rice after it recedes.",
    "A short note about the committee meeting, which was moved to Thursday.",
    "Long report on the harbour: cranes, ships, tides, storms and the new pier.",
]


class Summarizer:
    MODEL = "claude-instant-1"
    MAX_TOKENS = 300
    TEMPERATURE = 0.0

    def __init__(self):
        self.client = Anthropic()

    def summarize(self, text, max_tokens=None):
        resp = self.client.completions.create(
            model=self.MODEL,
            prompt=f"{HUMAN_PROMPT}Summarize this in one sentence:\n{text}{AI_PROMPT}",
            max_tokens_to_sample=max_tokens or self.MAX_TOKENS,
            temperature=self.TEMPERATURE,
            stop_sequences=[HUMAN_PROMPT],
        )
        summary = resp.completion.strip()
        if resp.stop_reason == "max_tokens":
            summary += "..."
        return summary


if __name__ == "__main__":
    s = Summarizer()
    for i, doc in enumerate(DOCS):
        limit = 5 if i == len(DOCS) - 1 else None
        print(f"[{i}] {s.summarize(doc, max_tokens=limit)}")
