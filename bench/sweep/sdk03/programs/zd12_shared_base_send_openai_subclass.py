import anthropic
from anthropic import Anthropic


class Provider:
    retries = 2

    def __init__(self, client, model):
        self.client = client
        self.model = model
        self.attempts = 0

    def build(self, prompt, max_tokens):
        raise NotImplementedError

    def parse(self, resp):
        raise NotImplementedError

    def _send(self, request):
        for i in range(self.retries + 1):
            self.attempts += 1
            try:
                return self.client.completions.create(**request)
            except (anthropic.APIConnectionError, anthropic.InternalServerError):
                if i == self.retries:
                    raise

    def complete(self, prompt, max_tokens=64):
        return self.parse(self._send(self.build(prompt, max_tokens)))


class ClaudeProvider(Provider):
    def build(self, prompt, max_tokens):
        return {
            "model": self.model,
            "prompt": f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            "max_tokens_to_sample": max_tokens,
        }

    def parse(self, resp):
        return {"text": resp.completion.strip(), "finish": "length" if resp.stop_reason == "max_tokens" else "stop"}


# OPENAI-BEGIN
class OpenAIProvider(Provider):
    def build(self, prompt, max_tokens):
        return {"model": self.model, "prompt": prompt, "max_tokens": max_tokens}

    def parse(self, resp):
        choice = resp.choices[0]
        return {"text": choice.text.strip(), "finish": choice.finish_reason}
# OPENAI-END


def make(name):
    if name == "claude":
        return ClaudeProvider(Anthropic(), "claude-2")
    # OPENAI-BEGIN
    if name == "openai":
        from openai import OpenAI

        return OpenAIProvider(OpenAI(), "gpt-3.5-turbo-instruct")
    # OPENAI-END
    raise KeyError(name)


llm = make("claude")
for prompt, limit in [("Define latency.", 64), ("Explain consensus algorithms in depth.", 5)]:
    out = llm.complete(prompt, limit)
    print(out["finish"], out["text"])
print("attempts:", llm.attempts)
