import asyncio
from dataclasses import dataclass, field

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic

client = AsyncAnthropic()


@dataclass
class ChatRequest:
    message: str
    context: list = field(default_factory=list)
    max_tokens: int = 60


class StreamingResponse:
    def __init__(self, content, media_type="text/plain"):
        self.body_iterator = content
        self.media_type = media_type


async def chat_endpoint(req: ChatRequest):
    prompt = ""
    for i, text in enumerate(req.context):
        prompt += (HUMAN_PROMPT if i % 2 == 0 else AI_PROMPT) + " " + text
    prompt += f"{HUMAN_PROMPT} {req.message}{AI_PROMPT}"
    stream = await client.completions.create(
        prompt=prompt,
        model="claude-2.1",
        max_tokens_to_sample=req.max_tokens,
        stream=True,
    )

    async def event_source():
        async for chunk in stream:
            if chunk.completion:
                yield f"data: {chunk.completion}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(event_source(), media_type="text/event-stream")


async def fake_server():
    for req in [
        ChatRequest("Hello there"),
        ChatRequest("And in French?", context=["Say hi", "Hi!"], max_tokens=4),
    ]:
        response = await chat_endpoint(req)
        frames = [frame async for frame in response.body_iterator]
        text = "".join(f[len("data: "):-2] for f in frames[:-1])
        print(response.media_type, len(frames) > 1, frames[-1].strip(), "|", text.strip())


asyncio.run(fake_server())
