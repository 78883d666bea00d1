import abc

import anthropic


class LLMProvider(abc.ABC):
    name = "base"
    max_tokens = 64

    def ask(self, question, **overrides):
        prompt = self.format_prompt(question)
        text = self._complete(prompt, **overrides)
        return f"{self.name}: {self.postprocess(text)}"

    @abc.abstractmethod
    def format_prompt(self, question):
        ...

    @abc.abstractmethod
    def _complete(self, prompt, **overrides):
        ...

    def postprocess(self, text):
        return text.strip()


class EchoProvider(LLMProvider):
    name = "echo"

    def format_prompt(self, question):
        return question

    def _complete(self, prompt, **overrides):
        return prompt.upper()


# OPENAI-BEGIN
class OpenAIProvider(LLMProvider):
    name = "openai"

    def format_prompt(self, question):
        return f"Q: {question}\nA:"

    def _complete(self, prompt, **overrides):
        import openai

        r = openai.OpenAI().completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=self.max_tokens)
        return r.choices[0].text
# OPENAI-END


class AnthropicProvider(LLMProvider):
    name = "anthropic"
    model = "claude-2"

    def __init__(self):
        self.client = anthropic.Anthropic()

    def format_prompt(self, question):
        return f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"

    def _complete(self, prompt, **overrides):
        response = self.client.completions.create(
            model=self.model,
            prompt=prompt,
            max_tokens_to_sample=overrides.get("max_tokens", self.max_tokens),
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        return response.completion


class ClaudeInstantProvider(AnthropicProvider):
    name = "claude-instant"
    model = "claude-instant-1"
    max_tokens = 6


for provider in (EchoProvider(), AnthropicProvider(), ClaudeInstantProvider()):
    print(provider.ask("Which planet has rings?"))
print(AnthropicProvider().ask("Name a gas giant.", max_tokens=3))
