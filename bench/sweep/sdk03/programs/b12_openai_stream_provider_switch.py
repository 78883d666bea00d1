import anthropic

CONFIG = {"provider": "anthropic", "max_tokens": 30}


class ClaudeBackend:
    def __init__(self, cfg):
        self.client = anthropic.Anthropic()
        self.cfg = cfg

    def stream(self, question, on_text):
        stream = self.client.completions.create(
            model="claude-2",
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=self.cfg["max_tokens"],
            stream=True,
        )
        for chunk in stream:
            on_text(chunk.completion)


# OPENAI-BEGIN
class OpenAIBackend:
    def __init__(self, cfg):
        import openai

        self.client = openai.OpenAI()
        self.cfg = cfg

    def stream(self, question, on_text):
        stream = self.client.completions.create(
            model="gpt-3.5-turbo-instruct",
            prompt=f"Q: {question}\nA:",
            max_tokens=self.cfg["max_tokens"],
            stream=True,
        )
        for chunk in stream:
            on_text(chunk.choices[0].text)
# OPENAI-END


BACKENDS = {"anthropic": ClaudeBackend, "openai": OpenAIBackend}


def main():
    backend = BACKENDS[CONFIG["provider"]](CONFIG)
    for question in ["What is a harbour?", "Why is sea water salty?"]:
        parts = []
        backend.stream(question, parts.append)
        print(question, "=>", "".join(parts).strip())


main()
