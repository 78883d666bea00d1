# migrator-fixture: sdk02
# migrator-fixture: requests-unordered
import asyncio
import json
import os

import anthropic

INSTRUCTIONS = "Extract the people and places from the sentence. Answer in JSON."


async def extract(client, sentence):
    prompt = f"{anthropic.HUMAN_PROMPT} {INSTRUCTIONS}\n\n<sentence>{sentence}</sentence>{anthropic.AI_PROMPT} {{"
    resp = await client.acompletion(
        prompt=prompt,
        model="claude-instant-1",
        max_tokens_to_sample=200,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    return sentence, json.loads("{" + resp["completion"])


async def main(sentences):
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    results = await asyncio.gather(*[extract(client, s) for s in sentences])
    for sentence, data in sorted(results):
        print(sentence[:20], "->", sorted(data), len(json.dumps(data)))


asyncio.run(main(["Ada met Grace in London.", "Marco sailed from Venice to Beijing."]))
