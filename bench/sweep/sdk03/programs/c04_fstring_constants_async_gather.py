import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic

BOT = "Pedant"
SYSTEM = f"You are {BOT}, a grammar checker. Reply 'OK' or give the corrected sentence."
EXAMPLE = f"{HUMAN_PROMPT} Their going home.{AI_PROMPT} They're going home."
PREFIX = SYSTEM + EXAMPLE

client = AsyncAnthropic()
limit = asyncio.Semaphore(1)


async def check(sentence):
    async with limit:
        resp = await client.completions.create(
            model="claude-2.0",
            prompt=PREFIX + f"{HUMAN_PROMPT} {sentence}{AI_PROMPT}",
            max_tokens_to_sample=50,
            stop_sequences=[HUMAN_PROMPT],
        )
    return sentence, resp.completion.strip(), resp.stop_reason


async def main():
    sentences = ["Me and him went out.", "The data is clear.", "Please stop here."]
    results = await asyncio.gather(*(check(s) for s in sentences))
    for sentence, fixed, reason in results:
        flag = "same" if fixed == sentence else "changed"
        print(f"{sentence!r}: {flag}, {reason}, {fixed[:40]!r}")


asyncio.run(main())
