import sys
from typing import Iterator

import anthropic

SYSTEM_PREAMBLE = "You are a helpful assistant for a cooking website."


class AnthropicChatModel:
    role_prefix = {"human": anthropic.HUMAN_PROMPT, "ai": anthropic.AI_PROMPT}

    def __init__(self, model="claude-instant-1", max_tokens=40, stop=None, **model_kwargs):
        self.client = anthropic.Anthropic()
        self.model = model
        self.max_tokens = max_tokens
        self.stop = stop or []
        self.model_kwargs = model_kwargs

    def _build_request(self, history, **kwargs):
        prompt = SYSTEM_PREAMBLE
        for role, text in history:
            prompt += f"{self.role_prefix[role]} {text}"
        prompt += anthropic.AI_PROMPT
        return {
            "model": self.model,
            "prompt": prompt,
            "max_tokens_to_sample": kwargs.pop("max_tokens", self.max_tokens),
            "stop_sequences": self.stop + kwargs.pop("stop", []),
            **self.model_kwargs,
            **kwargs,
        }

    def complete(self, history, **kwargs) -> str:
        return self.client.completions.create(**self._build_request(history, **kwargs)).completion

    def stream(self, history, **kwargs) -> Iterator[str]:
        for chunk in self.client.completions.create(stream=True, **self._build_request(history, **kwargs)):
            if chunk.completion:
                yield chunk.completion


llm = AnthropicChatModel(stop=[anthropic.HUMAN_PROMPT], temperature=0.2)
history = [("human", "Suggest a quick pasta dish.")]
reply = llm.complete(history)
print("complete:", reply.strip())
history += [("ai", reply.strip()), ("human", "How long does it take? Then say stop.")]
pieces = []
for piece in llm.stream(history, stop=["STOP"]):
    pieces.append(piece)
    sys.stdout.write(".")
print()
print("stream:", "".join(pieces).strip(), len(pieces) > 1)
print("short:", llm.complete(history[:1], max_tokens=3).strip())
