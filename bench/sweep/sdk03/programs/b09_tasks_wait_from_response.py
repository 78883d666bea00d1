# migrator-fixture: requests-unordered
import asyncio
from dataclasses import dataclass

import anthropic


@dataclass
class Answer:
    question: str
    text: str
    complete: bool

    @classmethod
    def from_response(cls, question, response):
        return cls(question, response.completion.strip(), response.stop_reason == "stop_sequence")


async def ask(client, question):
    return await client.completions.create(
        model="claude-instant-1",
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=15,
        temperature=0.0,
    )


async def main():
    client = anthropic.AsyncAnthropic()
    questions = ["What is a glacier?", "Explain photosynthesis to a child in great detail."]
    tasks = {asyncio.create_task(ask(client, q)): q for q in questions}
    done, _ = await asyncio.wait(tasks)
    answers = sorted(
        (Answer.from_response(tasks[t], t.result()) for t in done), key=lambda a: a.question
    )
    for a in answers:
        print("complete" if a.complete else "partial", "|", a.question, "|", a.text)


asyncio.run(main())
