# migrator-fixture: requests-unordered
import asyncio

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

SUITE = {
    "short": ("Say hi.", 30),
    "cut": ("Describe the history of Rome in detail.", 5),
    "bad-model": ("Say hi.", 30),
}


async def stream_answer(client, prompt, max_tokens, model):
    chunks, final = [], None
    stream = await client.completions.create(
        model=model, prompt=prompt, max_tokens_to_sample=max_tokens, stream=True
    )
    async for event in stream:
        chunks.append(event.completion)
        final = event
    return "".join(chunks), final.stop_reason


async def run_case(client, name, question, max_tokens):
    model = "claude-unknown-9" if name == "bad-model" else "claude-2"
    try:
        text, reason = await asyncio.wait_for(
            stream_answer(client, f"{HUMAN_PROMPT} {question}{AI_PROMPT}", max_tokens, model), timeout=20
        )
    except anthropic.APIStatusError as err:
        return name, {"ok": False, "error": err.status_code}
    except asyncio.TimeoutError:
        return name, {"ok": False, "error": "timeout"}
    return name, {"ok": True, "truncated": reason == "max_tokens", "words": len(text.split())}


async def main():
    client = anthropic.AsyncAnthropic(max_retries=0)
    results = dict(
        await asyncio.gather(*(run_case(client, n, q, m) for n, (q, m) in SUITE.items()))
    )
    for name in sorted(results):
        print(name, results[name])
    print("passed:", sum(r["ok"] for r in results.values()), "/", len(results))


asyncio.run(main())
