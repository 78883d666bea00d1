# migrator-fixture: sdk02
import asyncio
import os

import anthropic


class FakeWebSocket:
    def __init__(self, incoming):
        self.incoming = list(incoming)
        self.sent = []

    async def receive_text(self):
        return self.incoming.pop(0)

    async def send_json(self, data):
        self.sent.append(data)


async def chat_endpoint(websocket, client):
    history = ""
    while websocket.incoming:
        question = await websocket.receive_text()
        history += f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
        sent = 0
        answer = ""
        async for data in await client.acompletion_stream(
            prompt=history,
            model="claude-instant-1.1",
            max_tokens_to_sample=50,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        ):
            answer = data["completion"]
            delta = answer[sent:]
            sent = len(answer)
            if delta:
                await websocket.send_json({"type": "delta", "text": delta})
        await websocket.send_json({"type": "done", "text": answer})
        history += answer


async def main():
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    ws = FakeWebSocket(["Tell me a riddle.", "What's the answer?"])
    await chat_endpoint(ws, client)
    streamed, turn = [], ""
    for msg in ws.sent:
        if msg["type"] == "delta":
            turn += msg["text"]
        else:
            streamed.append((turn == msg["text"], msg["text"].strip()))
            turn = ""
    for same, text in streamed:
        print(same, text)


asyncio.run(main())
