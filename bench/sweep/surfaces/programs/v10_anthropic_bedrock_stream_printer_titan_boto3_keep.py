import json
import os
import sys

import anthropic
import boto3
from botocore.exceptions import ClientError

REGION = os.getenv("AWS_REGION", "us-east-1")
CLAUDE_ID = os.getenv("CLAUDE_ID", "anthropic.claude-instant-v1")
claude = anthropic.AnthropicBedrock(aws_region=REGION)
# KEEP-BEGIN
runtime = boto3.client("bedrock-runtime", region_name=REGION)


def titan_generate(prompt, max_tokens=200):
    body = json.dumps({"inputText": prompt, "textGenerationConfig": {"maxTokenCount": max_tokens}})
    response = runtime.invoke_model(modelId="amazon.titan-text-lite-v1", body=body)
    return json.loads(response["body"].read())["results"][0]["outputText"]


# KEEP-END


def claude_stream(prompt, max_tokens=200, out=sys.stdout):
    stream = claude.completions.create(
        model=CLAUDE_ID,
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
        stream=True,
    )
    chunks = 0
    stop_reason = None
    for completion in stream:
        out.write(completion.completion)
        out.flush()
        chunks += 1
        stop_reason = completion.stop_reason or stop_reason
    out.write("\n")
    return chunks, stop_reason


def answer(prompt, **kw):
    try:
        return titan_generate(prompt, **kw)
    except ClientError as err:
        print(f"[titan unavailable: {err.response['Error']['Code']}] falling back to Claude")
        chunks, reason = claude_stream(prompt, **kw)
        return f"{chunks > 1} {reason == 'max_tokens'}"


print(answer("Write a haiku about autumn leaves."))
print(answer("Explain quantum tunnelling.", max_tokens=5))
