from dataclasses import dataclass, field

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic


@dataclass
class Prompt:
    question: str
    context: list = field(default_factory=list)
    system: str = ""
    prefill: str = ""

    def __str__(self):
        ctx = "\n".join(f"- {c}" for c in self.context)
        body = f"Context:\n{ctx}\n\n{self.question}" if ctx else self.question
        return f"{self.system}{HUMAN_PROMPT} {body}{AI_PROMPT}{self.prefill}"


client = Anthropic()
prompts = [
    Prompt("When was the library founded?", ["The library opened in 1902.", "It moved in 1950."]),
    Prompt("Name a primary colour.", system="Answer with one word."),
    Prompt("List two fruits.", prefill=" 1."),
]

for p in prompts:
    r = client.completions.create(
        model="claude-2",
        prompt=str(p),
        max_tokens_to_sample=12,
    )
    truncated = r.stop_reason == "max_tokens"
    text = (p.prefill + r.completion).strip()
    print(f"{p.question[:25]:25s} truncated={truncated} {text[:60]!r}")
