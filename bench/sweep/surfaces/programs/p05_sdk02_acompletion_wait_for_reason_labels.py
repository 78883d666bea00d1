# migrator-fixture: sdk02
# migrator-fixture: requests-unordered
import asyncio
import os

import anthropic

REASON_LABELS = {"stop_sequence": "complete", "max_tokens": "truncated"}


async def ask(client, question, limit):
    try:
        resp = await asyncio.wait_for(
            client.acompletion(
                prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
                model="claude-2",
                max_tokens_to_sample=limit,
                stop_sequences=[anthropic.HUMAN_PROMPT],
            ),
            timeout=30,
        )
    except asyncio.TimeoutError:
        return question, "(timed out)", "timeout"
    label = REASON_LABELS.get(resp["stop_reason"], "unknown")
    return question, resp["completion"].strip(), label


async def main():
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    jobs = [("Why is the sky blue?", 100), ("Write a long story about a fox.", 4)]
    for question, answer, label in await asyncio.gather(*(ask(client, q, n) for q, n in jobs)):
        print(f"[{label}] {question} {answer}")


asyncio.run(main())
