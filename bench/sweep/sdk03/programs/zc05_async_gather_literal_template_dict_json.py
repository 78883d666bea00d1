# migrator-fixture: requests-unordered
import asyncio
import json
import os

from anthropic import AsyncAnthropic

MODEL = os.environ.get("MODEL_NAME", "claude-instant-1.2")
TEMPLATE = (
    "\n\nHuman: Translate the word '{word}' into {language}. "
    "Reply with the word only.\n\nAssistant:"
)

client = AsyncAnthropic()


async def translate(word, language):
    resp = await client.completions.create(
        model=MODEL,
        prompt=TEMPLATE.format(word=word, language=language),
        max_tokens_to_sample=10,
        stop_sequences=["\n"],
    )
    return language, resp.completion.strip()


async def main():
    jobs = [translate("house", lang) for lang in ("French", "German", "Spanish")]
    pairs = await asyncio.gather(*jobs)
    table = dict(pairs)
    print(json.dumps(table, sort_keys=True))
    print(all(table.values()))


asyncio.run(main())
