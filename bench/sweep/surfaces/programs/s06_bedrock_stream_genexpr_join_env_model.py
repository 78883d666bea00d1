import json
import os
import sys

import boto3

MODEL_ID = os.environ.get("BEDROCK_MODEL_ID", "anthropic.claude-instant-v1")
bedrock = boto3.client("bedrock-runtime", region_name=os.environ.get("AWS_REGION", "us-east-1"))


def _stream(prompt, max_tokens):
    body = json.dumps({"prompt": prompt, "max_tokens_to_sample": max_tokens, "temperature": 0.7})
    return bedrock.invoke_model_with_response_stream(modelId=MODEL_ID, body=body)["body"]


def complete(question, max_tokens=200):
    stream = _stream(f"\n\nHuman: {question}\n\nAssistant:", max_tokens)
    return "".join(json.loads(e["chunk"]["bytes"])["completion"] for e in stream if "chunk" in e)


def typewriter(question, on_token=sys.stdout.write):
    count = 0
    for e in _stream(f"\n\nHuman: {question}\n\nAssistant:", 40):
        if "chunk" in e:
            on_token(json.loads(e["chunk"]["bytes"])["completion"])
            count += 1
    on_token("\n")
    return count


print(complete("What is a black hole?").strip())
print(repr(complete("Explain gravity.", max_tokens=3)))
print(typewriter("Name a constellation.") > 1)
