# migrator-fixture: sdk02
# migrator-fixture: requests-unordered
import asyncio
import collections
import os

import anthropic

REVIEWS = [
    "The battery lasts all day, love it.",
    "Screen cracked after a week.",
    "It's fine I guess, nothing special, and here is a very long rant about shipping.",
    "Five stars!",
]
PROMPT = "\n\nHuman: Classify the sentiment of this review as positive, negative or neutral.\n\n<review>{review}</review>\n\nAssistant:"


async def classify(client, sem, idx, review):
    limit = 5 if "rant" in review else 40
    async with sem:
        resp = await client.acompletion(
            prompt=PROMPT.format(review=review),
            model="claude-instant-1.2",
            max_tokens_to_sample=limit,
            temperature=0,
        )
    return idx, resp


async def main():
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    sem = asyncio.Semaphore(2)
    tasks = [classify(client, sem, i, r) for i, r in enumerate(REVIEWS)]
    results = {}
    for fut in asyncio.as_completed(tasks):
        idx, resp = await fut
        results[idx] = resp
    for idx in sorted(results):
        print(idx, results[idx]["completion"].strip()[:60])
    reasons = collections.Counter(r["stop_reason"] for r in results.values())
    print(sorted(reasons.items()))
    print("truncated:", [i for i, r in sorted(results.items()) if r["stop_reason"] == "max_tokens"])


asyncio.run(main())
