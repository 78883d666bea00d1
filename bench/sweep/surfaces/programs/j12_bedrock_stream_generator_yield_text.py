import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-east-1")


def stream_text(prompt, max_tokens=100, **params):
    body = {"prompt": prompt, "max_tokens_to_sample": max_tokens, **params}
    response = runtime.invoke_model_with_response_stream(
        modelId="anthropic.claude-v2:1",
        body=json.dumps(body),
        contentType="application/json",
        accept="application/json",
    )
    for event in response.get("body"):
        chunk = event.get("chunk")
        if not chunk:
            continue
        data = json.loads(chunk["bytes"])
        if data.get("completion"):
            yield data["completion"]


def ask(question, **params):
    prompt = f"\n\nHuman: {question}\n\nAssistant:"
    return "".join(stream_text(prompt, **params))


for piece in stream_text("\n\nHuman: Describe a meadow.\n\nAssistant:", temperature=0.4):
    print(piece, end="", flush=True)
print()
print(ask("Name a tree.", max_tokens=3).strip())
print(ask("Name a flower.", top_p=0.8).strip())
