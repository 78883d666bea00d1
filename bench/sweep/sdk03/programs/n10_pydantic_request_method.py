from pydantic import BaseModel

import anthropic


class Question(BaseModel):
    text: str
    context: str = ""
    max_tokens: int = 50
    temperature: float = 0.0

    def to_prompt(self) -> str:
        ctx = f"Context: {self.context}\n\n" if self.context else ""
        return f"{anthropic.HUMAN_PROMPT} {ctx}Question: {self.text}{anthropic.AI_PROMPT}"


client = anthropic.Anthropic()


def answer(q: Question) -> str:
    completion = client.completions.create(
        model="claude-2.1",
        prompt=q.to_prompt(),
        max_tokens_to_sample=q.max_tokens,
        temperature=q.temperature,
    )
    return completion.completion.strip()


questions = [
    Question(text="Who wrote Dune?"),
    Question(text="What year is it set?", context="Dune is a 1965 novel.", max_tokens=10),
]
for q in questions:
    a = answer(q)
    print(f"{q.text} -> {a}")
    print(f"   {len(a.split())} words, budget {q.max_tokens}")
