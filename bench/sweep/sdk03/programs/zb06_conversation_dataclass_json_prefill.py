import json
from dataclasses import dataclass, field

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


@dataclass
class Conversation:
    system: str = ""
    turns: list = field(default_factory=list)

    def add(self, role, text):
        self.turns.append((role, text))

    def to_prompt(self, prefill=""):
        out = self.system
        for role, text in self.turns:
            marker = HUMAN_PROMPT if role == "user" else AI_PROMPT
            out += f"{marker} {text}"
        return out + AI_PROMPT + (" " + prefill if prefill else "")


class Extractor:
    def __init__(self, client, model="claude-2.1"):
        self.client = client
        self.model = model

    def ask_json(self, conv, prefill="{"):
        resp = self.client.completions.create(
            model=self.model,
            prompt=conv.to_prompt(prefill=prefill),
            max_tokens_to_sample=200,
        )
        raw = prefill + resp.completion
        conv.add("assistant", raw)
        return json.loads(raw)


conv = Conversation(system="You extract facts as JSON.")
conv.add("user", "Alice is 31 and lives in Oslo.")
bot = Extractor(Anthropic())
first = bot.ask_json(conv)
conv.add("user", "Now list the city only, as a JSON array.")
second = bot.ask_json(conv, prefill="[")
print(sorted(first), first["answer"][:40])
print(type(second).__name__, len(second), second[0][:40])
print(len(conv.turns), conv.to_prompt().count(HUMAN_PROMPT))
