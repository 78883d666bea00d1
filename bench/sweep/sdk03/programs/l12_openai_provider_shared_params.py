import anthropic

PROVIDER = "anthropic"


class AnthropicProvider:
    stop = [anthropic.HUMAN_PROMPT]

    def __init__(self, model="claude-instant-1.1", **params):
        self.client = anthropic.Anthropic()
        self.params = {"model": model, "max_tokens_to_sample": 50, **params}

    def complete(self, prompt, stop=None):
        response = self.client.completions.create(
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            stop_sequences=self.stop + (stop or []),
            **self.params,
        )
        return response.completion


# OPENAI-BEGIN
class OpenAIProvider:
    def __init__(self, model="gpt-3.5-turbo-instruct", **params):
        import openai

        self.client = openai.OpenAI()
        self.params = {"model": model, "max_tokens": 50, **params}

    def complete(self, prompt, stop=None):
        response = self.client.completions.create(prompt=prompt, stop=stop, **self.params)
        return response.choices[0].text
# OPENAI-END


def get_provider(name, **params):
    if name == "anthropic":
        return AnthropicProvider(**params)
    # OPENAI-BEGIN
    return OpenAIProvider(**params)
    # OPENAI-END


llm = get_provider(PROVIDER)
print(llm.complete("Name a mountain.").strip())
print(llm.complete("Count and stop.", stop=["STOP"]).strip())
hot = get_provider(PROVIDER, temperature=0.9, max_tokens_to_sample=5)
print(hot.complete("Describe Everest at length.").strip())
