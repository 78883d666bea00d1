# migrator-fixture: requests-unordered
import asyncio

import anthropic

DEFAULTS = {
    "model": "claude-2",
    "max_tokens_to_sample": 48,
    "temperature": 0.3,
    "stop_sequences": [anthropic.HUMAN_PROMPT],
}


async def ask(client, question, **options):
    params = {**DEFAULTS, **options}
    response = await client.completions.create(
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        **params,
    )
    return response.completion.strip()


async def batch(questions, **options):
    client = anthropic.AsyncAnthropic()
    answers = await asyncio.gather(*[ask(client, q, **options) for q in questions])
    return dict(zip(questions, answers))


async def main():
    first = await batch(["What is rust?", "What is verdigris?"])
    second = await batch(["Why is the sea salty?"], max_tokens_to_sample=5, temperature=0.0)
    for question, answer in {**first, **second}.items():
        print(f"{question:25s} | {answer}")
    print(sum(len(a.split()) for a in first.values()), len(second))


if __name__ == "__main__":
    asyncio.run(main())
