# migrator-fixture: sdk02
import asyncio
import json
import os

import anthropic
import httpx

KEY = os.environ["ANTHROPIC_API_KEY"]
BASE = os.environ["ANTHROPIC_BASE_URL"].rstrip("/")
client = anthropic.Client(KEY)
limit = asyncio.Semaphore(int(os.environ.get("CLAUDE_CONCURRENCY", "1")))


async def sdk_tokens(prompt, max_tokens):
    seen = ""
    async for data in await client.acompletion_stream(
        prompt=prompt, model="claude-v1", max_tokens_to_sample=max_tokens
    ):
        yield data["completion"][len(seen):]
        seen = data["completion"]


async def http_tokens(prompt, max_tokens):
    body = {"prompt": prompt, "model": "claude-v1", "max_tokens_to_sample": max_tokens, "stream": True}
    headers = {"x-api-key": KEY, "anthropic-version": "2023-06-01"}
    async with httpx.AsyncClient(base_url=BASE, timeout=30) as http:
        async with http.stream("POST", "/v1/complete", json=body, headers=headers) as resp:
            async for line in resp.aiter_lines():
                if line.startswith("data:"):
                    event = json.loads(line[5:])
                    if event.get("completion"):
                        yield event["completion"]


async def collect(source, question, max_tokens=80):
    prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    parts = []
    async with limit:
        async for token in source(prompt, max_tokens):
            parts.append(token)
    return "".join(parts).strip()


async def main():
    a, b = await asyncio.gather(
        collect(sdk_tokens, "Describe a lighthouse in one sentence."),
        collect(http_tokens, "Describe a windmill in one sentence."),
    )
    print("sdk :", a)
    print("http:", b)


asyncio.run(main())
