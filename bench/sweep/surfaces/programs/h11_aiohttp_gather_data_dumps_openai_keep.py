# migrator-fixture: requests-unordered
import asyncio
import json
import os

import aiohttp

BASE = os.environ["ANTHROPIC_BASE_URL"].rstrip("/")
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01", "content-type": "application/json"}


# KEEP-BEGIN
async def openai_complete(session, prompt):
    async with session.post(
        "https://api.openai.com/v1/completions",
        headers={"Authorization": "Bearer " + os.environ.get("OPENAI_API_KEY", "")},
        data=json.dumps({"model": "gpt-3.5-turbo-instruct", "prompt": prompt, "max_tokens": 30}),
    ) as resp:
        return (await resp.json())["choices"][0]["text"]
# KEEP-END


async def claude_complete(session, prompt):
    body = {"model": "claude-instant-1.2", "prompt": f"\n\nHuman: {prompt}\n\nAssistant:", "max_tokens_to_sample": 30}
    async with session.post(BASE + "/v1/complete", data=json.dumps(body), headers=HEADERS) as resp:
        payload = await resp.json(content_type=None)
        return prompt, payload.get("completion", "")


async def main():
    prompts = ["Name a planet.", "Name a metal.", "Name a bird."]
    async with aiohttp.ClientSession(raise_for_status=True) as session:
        results = await asyncio.gather(*[claude_complete(session, p) for p in prompts])
    for prompt, text in sorted(results):
        print(prompt, len(text), text.strip())


asyncio.run(main())
