import abc
from dataclasses import dataclass, field

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

PROVIDERS = {}


def register(name):
    def wrap(cls):
        PROVIDERS[name] = cls
        return cls

    return wrap


@dataclass
class ProviderConfig:
    model: str
    max_tokens: int = 64
    extra: dict = field(default_factory=dict)


class ChatProvider(abc.ABC):
    def __init__(self, config: ProviderConfig):
        self.config = config

    @abc.abstractmethod
    def chat(self, messages, **kwargs): ...


@register("anthropic")
class AnthropicProvider(ChatProvider):
    ROLE_TAGS = {"user": HUMAN_PROMPT, "assistant": AI_PROMPT}

    def __init__(self, config):
        super().__init__(config)
        self.client = Anthropic()

    def render(self, messages):
        system = "".join(m["content"] + "\n" for m in messages if m["role"] == "system")
        turns = [m for m in messages if m["role"] != "system"]
        text = "".join(f"{self.ROLE_TAGS[m['role']]} {m['content']}" for m in turns)
        return system + text + AI_PROMPT

    def chat(self, messages, **kwargs):
        params = {**self.config.extra, **kwargs}
        response = self.client.completions.create(
            model=self.config.model,
            prompt=self.render(messages),
            max_tokens_to_sample=params.pop("max_tokens", self.config.max_tokens),
            **params,
        )
        return response.completion.strip(), response.stop_reason


# OPENAI-BEGIN
@register("openai")
class OpenAIProvider(ChatProvider):
    def chat(self, messages, **kwargs):
        import openai

        prompt = "\n".join(f"{m['role']}: {m['content']}" for m in messages) + "\nassistant:"
        response = openai.OpenAI().completions.create(
            model=self.config.model, prompt=prompt, max_tokens=self.config.max_tokens, **kwargs
        )
        return response.choices[0].text.strip(), response.choices[0].finish_reason
# OPENAI-END


provider = PROVIDERS["anthropic"](ProviderConfig("claude-2", extra={"temperature": 0.2}))
history = [
    {"role": "system", "content": "You are a terse geography tutor."},
    {"role": "user", "content": "Name a river in Africa."},
    {"role": "assistant", "content": "The Nile."},
    {"role": "user", "content": "And one in Asia?"},
]
text, reason = provider.chat(history)
print(f"[{reason}] {text}")
text, reason = provider.chat(history[:2], max_tokens=5, stop_sequences=[HUMAN_PROMPT])
print(f"[{reason}] {text}")
