import asyncio

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.AsyncAnthropic()


async def ask(question, persona=None):
    resp = await client.completions.create(
        model="claude-2",
        max_tokens_to_sample=100,
        prompt=f"{f'You are {persona}. Stay in character.' if persona else ''}{HUMAN_PROMPT} {question}{AI_PROMPT}",
    )
    return resp.completion


async def main():
    print((await ask("What is the tide doing?")).strip())
    print((await ask("What is the tide doing?", persona="an old sailor")).strip())


asyncio.run(main())
