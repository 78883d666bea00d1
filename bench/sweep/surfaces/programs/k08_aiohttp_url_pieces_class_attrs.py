import asyncio
import os

import aiohttp


class ClaudeHTTP:
    ROOT = os.environ["ANTHROPIC_BASE_URL"].rstrip("/")
    VERSION = "v1"
    ACTION = "complete"
    HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}

    @property
    def url(self):
        return f"{self.ROOT}/{self.VERSION}/{self.ACTION}"

    @staticmethod
    def body(question):
        return {
            "model": "claude-v1",
            "prompt": "\n\nHuman: " + question + "\n\nAssistant:",
            "max_tokens_to_sample": 40,
        }

    async def ask(self, session, question):
        async with session.post(self.url, headers=self.HEADERS, json=self.body(question)) as resp:
            data = await resp.json()
            return data.get("completion", "").strip()


async def main():
    api = ClaudeHTTP()
    async with aiohttp.ClientSession() as session:
        answers = [await api.ask(session, q) for q in ("Name a fruit.", "Name a tree.")]
    for a in answers:
        print(a)


asyncio.run(main())
