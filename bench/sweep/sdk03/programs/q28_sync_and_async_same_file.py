import asyncio

import anthropic

sync_client = anthropic.Anthropic()
async_client = anthropic.AsyncAnthropic()
PROMPT = f"{anthropic.HUMAN_PROMPT} Name a bird.{anthropic.AI_PROMPT}"


def run_sync():
    return sync_client.completions.create(model="claude-2", max_tokens_to_sample=30, prompt=PROMPT).completion


async def run_async():
    r = await async_client.completions.create(model="claude-2", max_tokens_to_sample=30, prompt=PROMPT)
    return r.completion


print(run_sync())
print(asyncio.run(run_async()))
