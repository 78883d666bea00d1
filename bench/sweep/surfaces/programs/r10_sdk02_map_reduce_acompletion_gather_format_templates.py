# migrator-fixture: sdk02
# migrator-fixture: requests-unordered
import asyncio
import os

from anthropic import AI_PROMPT, HUMAN_PROMPT, Client

CHUNK_TEMPLATE = "{human} {passage}\n\nSummarize the passage above in one sentence.{ai}"
REDUCE_TEMPLATE = "{human} {summaries}\nCombine these summaries into one paragraph.{ai}"
TEXT = """Tides are caused mainly by the Moon's gravity pulling on the oceans.

The Sun also pulls on the oceans, but its effect is about half as strong.

When Sun and Moon line up, spring tides bring the largest range.

At right angles they partly cancel, giving the smaller neap tides.

Local coastline shape can amplify tides, as in the Bay of Fundy."""


def chunks(text, size=2):
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    return ["\n".join(paras[i : i + size]) for i in range(0, len(paras), size)]


async def summarize_chunk(client, passage):
    resp = await client.acompletion(
        prompt=CHUNK_TEMPLATE.format(human=HUMAN_PROMPT, passage=passage, ai=AI_PROMPT),
        model="claude-instant-v1",
        max_tokens_to_sample=120,
        stop_sequences=[HUMAN_PROMPT],
    )
    return resp["completion"].strip()


async def main():
    client = Client(os.environ["ANTHROPIC_API_KEY"])
    partial = await asyncio.gather(*[summarize_chunk(client, c) for c in chunks(TEXT)])
    joined = "\n".join(f"- {s}" for s in partial)
    final = client.completion(
        prompt=REDUCE_TEMPLATE.format(human=HUMAN_PROMPT, summaries=joined, ai=AI_PROMPT),
        model="claude-v1",
        max_tokens_to_sample=200,
        stop_sequences=[HUMAN_PROMPT],
    )
    print(len(partial), "chunks")
    for s in partial:
        print(" *", s)
    print(final["completion"].strip())


asyncio.run(main())
