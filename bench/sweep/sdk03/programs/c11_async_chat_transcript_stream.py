import asyncio

import anthropic


class ChatSession:
    def __init__(self, client, system_text, model="claude-2"):
        self.client = client
        self.model = model
        self.transcript = system_text

    async def say(self, message):
        self.transcript += f"{anthropic.HUMAN_PROMPT} {message}{anthropic.AI_PROMPT}"
        stream = await self.client.completions.create(
            model=self.model,
            prompt=self.transcript,
            max_tokens_to_sample=60,
            stream=True,
        )
        reply = []
        async for piece in stream:
            reply.append(piece.completion)
        answer = "".join(reply)
        self.transcript += answer
        return answer.strip()


async def main():
    session = ChatSession(anthropic.AsyncAnthropic(), "You help plan trips. Be brief.")
    for msg in ["I want to visit Japan.", "What about in winter?", "Thanks!"]:
        answer = await session.say(msg)
        print(f"> {msg}\n< {answer}")
    print("transcript turns:", session.transcript.count(anthropic.HUMAN_PROMPT))


asyncio.run(main())
