# migrator-fixture: requests-unordered
import asyncio
import os

import anthropic

MODEL = os.getenv("ANTHROPIC_MODEL", "claude-2")
QUESTIONS = {
    "capital": "What is the capital of Chile?",
    "river": "Name the longest river in Chile.",
    "stop": "Count, then stop.",
}


async def ask(client, key, question):
    resp = await client.completions.create(
        model=MODEL,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=30,
        stop_sequences=[anthropic.HUMAN_PROMPT, "STOP"],
    )
    return key, resp


async def main():
    client = anthropic.AsyncAnthropic()
    pairs = await asyncio.gather(*(ask(client, k, q) for k, q in QUESTIONS.items()))
    results = dict(pairs)
    for key in sorted(results):
        resp = results[key]
        status = "done" if resp.stop_reason == "stop_sequence" else "cut"
        print(f"{key:8s} {status:5s} {resp.completion.strip()[:50]}")
    return results


results = asyncio.run(main())
print(sum(len(r.completion) for r in results.values()) > 0)
