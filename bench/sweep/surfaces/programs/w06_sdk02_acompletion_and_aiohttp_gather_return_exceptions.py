# migrator-fixture: sdk02
import asyncio
import os

import aiohttp
import anthropic

API_KEY = os.environ["ANTHROPIC_API_KEY"]
API_URL = os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/"
client = anthropic.Client(API_KEY, api_url=API_URL)
limit = asyncio.Semaphore(int(os.environ.get("CLAUDE_CONCURRENCY", "1")))


def wrap(question):
    return f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"


async def via_sdk(question):
    async with limit:
        resp = await client.acompletion(
            prompt=wrap(question),
            model="claude-instant-v1.1",
            max_tokens_to_sample=60,
        )
    return resp["completion"].strip()


async def via_http(session, question):
    async with limit, session.post(
        API_URL + "v1/complete",
        json={"prompt": wrap(question), "model": "claude-instant-v1.1", "max_tokens_to_sample": 60},
        headers={"x-api-key": API_KEY, "anthropic-version": "2023-06-01"},
    ) as resp:
        if resp.status != 200:
            raise anthropic.ApiException(f"HTTP {resp.status}", await resp.text())
        data = await resp.json()
        return data["completion"].strip()


async def main():
    questions = ["Name a primary colour.", "Name a noble gas.", "Name a prime above 10."]
    async with aiohttp.ClientSession() as session:
        tasks = []
        for i, q in enumerate(questions):
            tasks.append(via_sdk(q) if i % 2 == 0 else via_http(session, q))
        results = await asyncio.gather(*tasks, return_exceptions=True)
    for q, r in zip(questions, results):
        if isinstance(r, anthropic.ApiException):
            print(q, "-> failed")
        else:
            print(q, "->", r)


asyncio.run(main())
