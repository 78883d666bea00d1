import asyncio
import os

import httpx

BASE_URL = os.environ["ANTHROPIC_BASE_URL"]
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
}


async def complete(client, question, retries=3):
    payload = {
        "model": "claude-instant-1.2",
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": 50,
        "stop_sequences": ["\n\nHuman:"],
    }
    for attempt in range(retries):
        response = await client.post(f"{BASE_URL}/v1/complete", json=payload, headers=HEADERS)
        if response.status_code == 529:
            await asyncio.sleep(0.05 * (attempt + 1))
            continue
        response.raise_for_status()
        return response.json()["completion"].strip()
    raise RuntimeError("API overloaded")


async def main():
    async with httpx.AsyncClient(timeout=30.0) as client:
        for question in ("Name a prime number.", "Name a Greek letter."):
            print(question, "->", await complete(client, question))


asyncio.run(main())
