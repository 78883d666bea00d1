import json
import sys

import boto3

SYSTEM = "You are a museum guide who answers in two sentences."
session = boto3.Session(region_name="us-east-1")
brt = session.client("bedrock-runtime")


def guide(question, max_tokens=60):
    body = json.dumps(
        {
            "prompt": f"{SYSTEM}\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "top_k": 10,
            "stop_sequences": ["\n\nHuman:"],
        }
    )
    response = brt.invoke_model_with_response_stream(
        body=body, modelId="anthropic.claude-v2", accept="*/*", contentType="application/json"
    )
    parts = []
    for event in response["body"]:
        if "chunk" in event:
            chunk = json.loads(event["chunk"]["bytes"].decode())
            parts.append(chunk["completion"])
            sys.stdout.write(chunk["completion"])
        elif "internalServerException" in event or "modelStreamErrorException" in event:
            raise RuntimeError(str(event))
    sys.stdout.write("\n")
    return "".join(parts)


for q, n in (("Who painted the Mona Lisa?", 60), ("Describe the Louvre.", 6)):
    answer = guide(q, n)
    print(f"{len(answer)} chars, {len(answer.split())} words")
