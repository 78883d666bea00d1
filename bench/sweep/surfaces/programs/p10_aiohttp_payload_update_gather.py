# migrator-fixture: requests-unordered
import asyncio
import os

import aiohttp

BASE_PAYLOAD = {"model": "claude-instant-1", "temperature": 0.5, "stop_sequences": ["\n\nHuman:"]}
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


async def complete(session, question, max_tokens=64):
    payload = dict(BASE_PAYLOAD)
    payload.update(prompt=f"\n\nHuman: {question}\n\nAssistant:", max_tokens_to_sample=max_tokens)
    async with session.post(os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete", json=payload) as resp:
        if resp.status != 200:
            return f"error {resp.status}"
        data = await resp.json()
    return data.get("completion", "").strip()


async def main(questions):
    async with aiohttp.ClientSession(headers=HEADERS) as session:
        answers = await asyncio.gather(*[complete(session, q) for q in questions])
    for q, a in zip(questions, answers):
        print(f"Q: {q}\nA: {a}")


asyncio.run(main(["What is an atom?", "What is a molecule?", "What is an ion?"]))
