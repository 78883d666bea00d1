import asyncio
import json
import os

import boto3

MODEL_ID = os.getenv("BEDROCK_CLAUDE_ID", "anthropic.claude-v2")
runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
_SENTINEL = object()


def _open_stream(question, max_tokens):
    body = json.dumps(
        {
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "stop_sequences": ["\n\nHuman:"],
            "anthropic_version": "bedrock-2023-05-31",
        }
    )
    response = runtime.invoke_model_with_response_stream(modelId=MODEL_ID, body=body)
    return iter(response["body"])


async def sse_events(question, max_tokens=200):
    loop = asyncio.get_running_loop()
    events = await loop.run_in_executor(None, _open_stream, question, max_tokens)
    while True:
        event = await loop.run_in_executor(None, next, events, _SENTINEL)
        if event is _SENTINEL:
            break
        chunk = json.loads(event["chunk"]["bytes"].decode())
        token = chunk["completion"]
        if token:
            yield f"data: {json.dumps({'token': token})}\n\n"
    yield "data: [DONE]\n\n"


async def collect(question, **kw):
    frames = [frame async for frame in sse_events(question, **kw)]
    tokens = [json.loads(f[6:])["token"] for f in frames if f != "data: [DONE]\n\n"]
    return len(frames), "".join(tokens).strip()


async def main():
    for question, limit in (("What is a volcano?", 200), ("Describe Iceland.", 3)):
        count, text = await collect(question, max_tokens=limit)
        print(count > 1, text)


asyncio.run(main())
