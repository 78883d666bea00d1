import asyncio
import json
import os

import aiohttp

URL = os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/v1/complete"
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "accept": "text/event-stream",
}
STOPS = ["\n\nHuman:", "\n\nUser:"]


async def stream_turn(session, transcript, max_tokens=40):
    body = {
        "model": "claude-2.0",
        "prompt": transcript + "\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "stop_sequences": STOPS,
        "stream": True,
    }
    out, event = [], None
    async with session.post(URL, json=body, headers=HEADERS) as resp:
        resp.raise_for_status()
        async for raw in resp.content:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event == "completion":
                out.append(json.loads(line[5:])["completion"])
    return "".join(out).strip()


async def main():
    transcript = ""
    async with aiohttp.ClientSession() as session:
        for user in ("I want to learn chess.", "What should I study first?", "Thanks!"):
            transcript += f"\n\nHuman: {user}"
            reply = await stream_turn(session, transcript)
            transcript += f"\n\nAssistant: {reply}"
            print(f"> {user}\n{reply}")
    print(transcript.count("\n\nAssistant:"), len(transcript))


asyncio.run(main())
