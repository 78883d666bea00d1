import anthropic

CONFIG = {
    "default": "claude",
    "backends": {
        "claude": {
            "type": "anthropic",
            "model": "claude-instant-1",
            "max_tokens": 40,
            "stop": ["\n\nHuman:"],
            "params": {"temperature": 0.3, "top_k": 20},
        },
        "claude-long": {"type": "anthropic", "model": "claude-2", "max_tokens": 200, "stop": []},
    },
}


class AnthropicBackend:
    PROMPT = "\n\nHuman: {text}\n\nAssistant:"

    def __init__(self, model, max_tokens, stop, params=None):
        self.client = anthropic.Anthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.stop = stop
        self.params = params or {}

    @classmethod
    def from_config(cls, cfg):
        cfg = dict(cfg)
        cfg.pop("type")
        return cls(**cfg)

    def generate(self, text):
        out = self.client.completions.create(
            model=self.model,
            prompt=self.PROMPT.format(text=text),
            max_tokens_to_sample=self.max_tokens,
            stop_sequences=self.stop,
            **self.params,
        )
        return {"text": out.completion.strip(), "finished": out.stop_reason == "stop_sequence"}


BACKEND_TYPES = {"anthropic": AnthropicBackend}


def load_backend(name=None):
    cfg = CONFIG["backends"][name or CONFIG["default"]]
    return BACKEND_TYPES[cfg["type"]].from_config(cfg)


for name, text in [(None, "Name a fruit."), ("claude-long", "Describe a forest."), (None, "Say yes then stop.")]:
    result = load_backend(name).generate(text)
    print(name or CONFIG["default"], result["finished"], result["text"][:60])
