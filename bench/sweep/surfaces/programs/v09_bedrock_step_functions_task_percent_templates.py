import json
import os

import boto3

bedrock = boto3.client("bedrock-runtime", region_name=os.environ.get("AWS_REGION", "us-east-1"))
MODEL_ID = os.environ.get("MODEL_ID", "anthropic.claude-instant-v1")

TEMPLATES = {
    "summarize": "\n\nHuman: Summarize this text in one sentence:\n%(text)s\n\nAssistant:",
    "translate": "\n\nHuman: Translate this text into %(language)s:\n%(text)s\n\nAssistant:",
    "keywords": "\n\nHuman: List three keywords for this text, comma separated:\n%(text)s\n\nAssistant:",
}


class TaskFailed(Exception):
    pass


def run_task(task, variables, max_tokens):
    if task not in TEMPLATES:
        raise TaskFailed(f"unknown task {task}")
    response = bedrock.invoke_model(
        modelId=MODEL_ID,
        body=json.dumps({"prompt": TEMPLATES[task] % variables, "max_tokens_to_sample": max_tokens}),
    )
    payload = json.loads(response["body"].read())
    return {"output": payload["completion"].strip(), "stopReason": payload["stop_reason"]}


def handler(event, context):
    """A Step Functions Task state: {"task": ..., "input": {...}}."""
    result = run_task(event["task"], event["input"], event.get("maxTokens", 200))
    if event["task"] == "keywords":
        result["keywords"] = [k.strip() for k in result["output"].split(",") if k.strip()]
    result["truncated"] = result.pop("stopReason") == "max_tokens"
    return {**event, "result": result}


doc = {"text": "The museum reopened after a two-year renovation with a new wing for modern art."}
for ev in (
    {"task": "summarize", "input": doc},
    {"task": "translate", "input": {**doc, "language": "Spanish"}, "maxTokens": 5},
    {"task": "keywords", "input": doc},
):
    out = handler(ev, None)
    print(out["task"], json.dumps(out["result"], sort_keys=True))
try:
    handler({"task": "poem", "input": doc}, None)
except TaskFailed as err:
    print("failed:", err)
