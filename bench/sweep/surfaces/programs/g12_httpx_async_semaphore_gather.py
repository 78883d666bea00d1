# migrator-fixture: requests-unordered
import asyncio
import os

import httpx

HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
}


async def complete(client, sem, question):
    async with sem:
        r = await client.post(
            "/v1/complete",
            json={
                "model": "claude-2.1",
                "prompt": f"\n\nHuman: {question}\n\nAssistant:",
                "max_tokens_to_sample": 40,
                "temperature": 0.2,
            },
        )
        r.raise_for_status()
        return question, r.json()["completion"]


async def main(questions):
    sem = asyncio.Semaphore(2)
    async with httpx.AsyncClient(base_url=os.environ["ANTHROPIC_BASE_URL"], headers=HEADERS, timeout=30) as client:
        results = await asyncio.gather(*(complete(client, sem, q) for q in questions))
    for q, text in sorted(results):
        print(q, len(text), text.strip())


asyncio.run(main(["Name a comet.", "Name a moon of Jupiter.", "Name a star."]))
