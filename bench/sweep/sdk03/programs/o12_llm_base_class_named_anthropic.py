import anthropic


class BaseLLM:
    default_params = {}

    def __init__(self, **params):
        self.params = {**self.default_params, **params}

    def completion(self, prompt, **kwargs):
        kwargs = {**self.params, **kwargs}
        return self._call(prompt, **kwargs)

    def _call(self, prompt, **kwargs):
        raise NotImplementedError


# OPENAI-BEGIN
class OpenAI(BaseLLM):
    default_params = {"model": "gpt-3.5-turbo-instruct", "max_tokens": 64}

    def _call(self, prompt, **kwargs):
        import openai

        client = openai.OpenAI()
        response = client.completions.create(prompt=prompt, **kwargs)
        return response.choices[0].text
# OPENAI-END


class Anthropic(BaseLLM):
    default_params = {"model": "claude-2", "max_tokens_to_sample": 64}

    def __init__(self, **params):
        super().__init__(**params)
        self.client = anthropic.Anthropic()

    def _call(self, prompt, **kwargs):
        kwargs.setdefault("stop_sequences", [anthropic.HUMAN_PROMPT])
        response = self.client.completions.create(
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}", **kwargs
        )
        return response.completion


PROVIDERS = {"openai": OpenAI, "anthropic": Anthropic}
llm = PROVIDERS["anthropic"](temperature=0.5)
print(llm.completion("Name a metal."))
print(llm.completion("Count to five and stop.", max_tokens_to_sample=8, stop_sequences=["STOP"]).strip())
