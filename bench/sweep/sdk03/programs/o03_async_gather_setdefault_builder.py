# migrator-fixture: requests-unordered
import asyncio

from anthropic import AsyncAnthropic, HUMAN_PROMPT, AI_PROMPT

QUESTIONS = ["What is a fjord?", "What is a delta?", "What is an atoll?"]


def make_request(question, **kwargs):
    kwargs.setdefault("model", "claude-instant-1")
    kwargs.setdefault("max_tokens_to_sample", 40)
    kwargs.setdefault("temperature", 0.0)
    kwargs["prompt"] = f"{HUMAN_PROMPT}{question}{AI_PROMPT}"
    return kwargs


async def ask_all(client, questions, **shared):
    requests = [make_request(q, **shared) for q in questions]
    responses = await asyncio.gather(*(client.completions.create(**r) for r in requests))
    return [r.completion for r in responses]


async def main():
    client = AsyncAnthropic()
    answers = await ask_all(client, QUESTIONS)
    for q, a in zip(QUESTIONS, answers):
        print(q, "|", a.strip(), "|", len(a.split()))
    short = await ask_all(client, QUESTIONS[:2], max_tokens_to_sample=4)
    print([len(a.split()) for a in short])


asyncio.run(main())
