import asyncio

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic


async def stream_once(client, prompt):
    stream = await client.with_options(max_retries=5).completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=8,
        stream=True,
    )
    text, reason = "", None
    async for ev in stream:
        text += ev.completion
        reason = ev.stop_reason or reason
    return text, reason


async def long_answer(client, question):
    prompt = f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
    answer = ""
    for round_ in range(3):
        text, reason = await stream_once(client, prompt + answer)
        answer += text
        print(round_, reason, len(text.split()))
        if reason != "max_tokens":
            break
    return answer


async def main():
    client = AsyncAnthropic()
    answer = await long_answer(client, "Describe how a canal lock works.")
    print(answer.strip())


asyncio.run(main())
