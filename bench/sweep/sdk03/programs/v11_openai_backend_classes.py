import anthropic


# OPENAI-BEGIN
class OpenAIBackend:
    def __init__(self):
        import openai

        self.client = openai.OpenAI()

    def complete(self, prompt, max_tokens=50):
        response = self.client.completions.create(
            model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=max_tokens, stop=["\n\n"]
        )
        return response.choices[0].text
# OPENAI-END


class AnthropicBackend:
    def __init__(self):
        self.client = anthropic.Anthropic()

    def complete(self, prompt, max_tokens=50):
        response = self.client.completions.create(
            model="claude-2",
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
        )
        return response.completion


BACKENDS = {"openai": OpenAIBackend, "anthropic": AnthropicBackend}


def get_backend(name):
    return BACKENDS[name]()


print(get_backend("anthropic").complete("Name a comet."))
