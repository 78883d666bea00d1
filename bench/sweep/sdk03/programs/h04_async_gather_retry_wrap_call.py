# migrator-fixture: requests-unordered
import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, APIConnectionError, AsyncAnthropic, RateLimitError

CLAUDE_MODEL = "claude-instant-1.2"
client = AsyncAnthropic(max_retries=0)


def wrap(question):
    return f"{HUMAN_PROMPT} {question}{AI_PROMPT}"


async def complete(question, max_tokens=50, retries=3):
    for attempt in range(retries):
        try:
            resp = await client.completions.create(
                model=CLAUDE_MODEL,
                prompt=wrap(question),
                max_tokens_to_sample=max_tokens,
                temperature=0.2,
            )
            return resp.completion.strip(), resp.stop_reason
        except (RateLimitError, APIConnectionError):
            await asyncio.sleep(0.05 * (attempt + 1))
    return "", None


async def main():
    questions = ["Name a bird.", "Name a tree.", "Describe the ocean floor fully."]
    limits = [50, 50, 3]
    results = await asyncio.gather(*[complete(q, m) for q, m in zip(questions, limits)])
    for q, (text, reason) in zip(questions, results):
        print(f"{q} -> {text!r}")
    truncated = sum(1 for _, reason in results if reason == "max_tokens")
    print("truncated:", truncated, "of", len(results))


asyncio.run(main())
