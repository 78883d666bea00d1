import json
import os

import boto3


class Settings:
    MODEL_ID = os.environ.get("CLAUDE_MODEL_ID", "anthropic.claude-v2")
    REGION = os.environ.get("AWS_REGION", "us-west-2")
    MAX_TOKENS = 70


def make_runtime(region=Settings.REGION):
    session = boto3.Session(region_name=region)
    return session.client("bedrock-runtime")


def build_body(prompt, **kw):
    return json.dumps({"prompt": prompt, "max_tokens_to_sample": Settings.MAX_TOKENS, **kw})


def parse(resp):
    return json.loads(resp["body"].read())["completion"]


def wrap(question):
    return f"\n\nHuman: {question}\n\nAssistant:"


runtime = make_runtime()
for q in ["What is DNS?", "What is TCP?"]:
    out = runtime.invoke_model(modelId=Settings.MODEL_ID, body=build_body(wrap(q), temperature=0.5))
    print(parse(out).strip())
