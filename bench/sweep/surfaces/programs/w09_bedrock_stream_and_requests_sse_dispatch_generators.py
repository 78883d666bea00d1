import json
import os

import boto3
import requests

HUMAN_PROMPT = "\n\nHuman:"
AI_PROMPT = "\n\nAssistant:"
BASE_URL = os.environ.get("ANTHROPIC_BASE_URL", "https://api.anthropic.com").rstrip("/")


def bedrock_stream(prompt, max_tokens):
    runtime = boto3.client("bedrock-runtime", region_name=os.environ.get("AWS_REGION", "us-east-1"))
    body = json.dumps({"prompt": prompt, "max_tokens_to_sample": max_tokens, "stop_sequences": [HUMAN_PROMPT]})
    response = runtime.invoke_model_with_response_stream(modelId="anthropic.claude-v2:1", body=body)
    for event in response["body"]:
        chunk = json.loads(event["chunk"]["bytes"])
        yield chunk["completion"], chunk.get("stop_reason")


def api_stream(prompt, max_tokens):
    resp = requests.post(
        BASE_URL + "/v1/complete",
        headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01", "accept": "text/event-stream"},
        json={"model": "claude-2.1", "prompt": prompt, "max_tokens_to_sample": max_tokens, "stream": True},
        stream=True,
        timeout=60,
    )
    resp.raise_for_status()
    for line in resp.iter_lines():
        if not line.startswith(b"data: "):
            continue
        data = json.loads(line[6:])
        if data.get("type") == "completion":
            yield data["completion"], data.get("stop_reason")


STREAMERS = {"bedrock": bedrock_stream, "anthropic": api_stream}


def stream_text(backend, question, max_tokens=100):
    prompt = f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
    text, reason = "", None
    for piece, stop_reason in STREAMERS[backend](prompt, max_tokens):
        text += piece
        if stop_reason:
            reason = stop_reason
    return text.strip(), reason


for backend in ("bedrock", "anthropic"):
    answer, reason = stream_text(backend, "Give one fun fact about otters.")
    print(backend, reason, answer)
    answer, reason = stream_text(backend, "Write a long poem about the sea.", max_tokens=7)
    print(backend, reason, len(answer.split()))
