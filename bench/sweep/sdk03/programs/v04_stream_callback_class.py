import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

MODEL = "claude-2"
MAX_TOKENS = 40


class StreamingAssistant:
    def __init__(self, on_token=None):
        self.client = anthropic.Anthropic()
        self.on_token = on_token or (lambda t: None)

    def ask(self, question):
        prompt = f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
        chunks = []
        stream = self.client.completions.create(
            prompt=prompt,
            model=MODEL,
            max_tokens_to_sample=MAX_TOKENS,
            stop_sequences=[HUMAN_PROMPT],
            stream=True,
        )
        for event in stream:
            if event.completion:
                chunks.append(event.completion)
                self.on_token(event.completion)
        return "".join(chunks)


seen = []
bot = StreamingAssistant(on_token=seen.append)
answer = bot.ask("Describe a lighthouse.")
print(answer)
print(len(seen) > 1, "".join(seen) == answer)
