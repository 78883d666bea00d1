"""Ask the same question of every Claude model we have on Bedrock and compare."""
import json

import boto3

BEDROCK_MODELS = {
    "claude-instant": {"id": "anthropic.claude-instant-v1", "max_tokens": 300},
    "claude-2": {"id": "anthropic.claude-v2", "max_tokens": 500},
    "claude-2.1": {"id": "anthropic.claude-v2:1", "max_tokens": 8},
}
DEFAULT_MODEL = "claude-2.1"

runtime = boto3.client("bedrock-runtime", region_name="us-west-2")


def ask(question, model=DEFAULT_MODEL):
    spec = BEDROCK_MODELS[model]
    body = json.dumps(
        {
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": spec["max_tokens"],
            "stop_sequences": ["\n\nHuman:"],
        }
    )
    result = runtime.invoke_model(modelId=spec["id"], body=body)
    data = json.loads(result["body"].read())
    return data["completion"].strip(), data["stop_reason"]


if __name__ == "__main__":
    question = "What is the tallest mountain in Africa and how tall is it?"
    for name in BEDROCK_MODELS:
        text, reason = ask(question, name)
        flag = " (truncated)" if reason == "max_tokens" else ""
        print(f"{name:15s}{flag} {text}")
    print(ask("Name a river in Kenya.")[0])
