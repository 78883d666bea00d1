# migrator-fixture: requests-unordered
import asyncio
import os

import aiohttp

API_URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
RETRY_STATUSES = {429, 500, 503, 529}


def auth_headers():
    return {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}


def body_for(question, limit):
    return {
        "model": "claude-instant-1",
        "prompt": f"\n\nHuman: Answer briefly. {question}\n\nAssistant:",
        "max_tokens_to_sample": limit,
        "stop_sequences": ["\n\nHuman:"],
    }


async def post_complete(session, body, attempts=3):
    for attempt in range(attempts):
        async with session.post(API_URL, json=body) as resp:
            if resp.status in RETRY_STATUSES:
                await asyncio.sleep(0.01 * (attempt + 1))
                continue
            resp.raise_for_status()
            data = await resp.json()
            return data["completion"].strip(), data["stop_reason"]
    return "", "gave_up"


async def main():
    questions = [("What is a comet?", 60), ("What is a nebula?", 60), ("Describe a quasar.", 3)]
    async with aiohttp.ClientSession(headers=auth_headers()) as session:
        results = await asyncio.gather(*(post_complete(session, body_for(q, n)) for q, n in questions))
    for (q, _), (text, reason) in zip(questions, results):
        print(f"{q:<20} {reason:<14} {text}")


asyncio.run(main())
