import asyncio
import json

from anthropic import AI_PROMPT, HUMAN_PROMPT, AsyncAnthropic


class FakeWebSocket:
    def __init__(self, incoming):
        self.incoming = list(incoming)
        self.sent = []

    async def receive_json(self):
        if not self.incoming:
            raise ConnectionError("closed")
        return self.incoming.pop(0)

    async def send_json(self, data):
        self.sent.append(json.dumps(data, sort_keys=True))


async def chat_socket(ws, client):
    while True:
        try:
            msg = await ws.receive_json()
        except ConnectionError:
            break
        stream = await client.completions.create(
            model="claude-instant-1.2",
            prompt=f"{HUMAN_PROMPT} {msg['text']}{AI_PROMPT}",
            max_tokens_to_sample=msg.get("limit", 40),
            stream=True,
        )
        events = []
        async for event in stream:
            events.append(event)
            await ws.send_json({"type": "delta", "text": event.completion})
        full = "".join(e.completion for e in events)
        await ws.send_json({"type": "done", "reason": events[-1].stop_reason, "chars": len(full)})


async def main():
    ws = FakeWebSocket([{"text": "Say hello."}, {"text": "Recite a long poem about rivers.", "limit": 5}])
    await chat_socket(ws, AsyncAnthropic())
    deltas = [json.loads(s) for s in ws.sent if '"delta"' in s]
    print("delta frames:", len(deltas) > 0)
    for frame in ws.sent:
        if '"done"' in frame:
            print(frame)
    print("text:", "".join(d["text"] for d in deltas))


asyncio.run(main())
