import json

import boto3
from botocore.exceptions import ClientError

bedrock_runtime = boto3.client("bedrock-runtime", region_name="us-east-1")

MODEL_REGISTRY = {
    "claude-instant": {
        "model_id": "anthropic.claude-instant-v1",
        "body": lambda p, n: {"prompt": f"\n\nHuman: {p}\n\nAssistant:", "max_tokens_to_sample": n},
        "text": lambda r: r["completion"],
    },
    "claude-2": {
        "model_id": "anthropic.claude-v2",
        "body": lambda p, n: {"prompt": f"\n\nHuman: {p}\n\nAssistant:", "max_tokens_to_sample": n, "top_k": 50},
        "text": lambda r: r["completion"],
    },
    # KEEP-BEGIN
    "cohere-command": {
        "model_id": "cohere.command-text-v14",
        "body": lambda p, n: {"prompt": p, "max_tokens": n, "temperature": 0.5},
        "text": lambda r: r["generations"][0]["text"],
    },
    "titan-express": {
        "model_id": "amazon.titan-text-express-v1",
        "body": lambda p, n: {"inputText": p, "textGenerationConfig": {"maxTokenCount": n}},
        "text": lambda r: r["results"][0]["outputText"],
    },
    # KEEP-END
}


def generate(name, prompt, max_tokens=150):
    spec = MODEL_REGISTRY[name]
    try:
        response = bedrock_runtime.invoke_model(
            modelId=spec["model_id"], body=json.dumps(spec["body"](prompt, max_tokens))
        )
    except ClientError as err:
        return "ERROR " + err.response["Error"]["Code"]
    return spec["text"](json.loads(response["body"].read())).strip()


question = "What is the boiling point of water at sea level?"
for name in MODEL_REGISTRY:
    print(f"{name:15s} {generate(name, question)}")
print(generate("claude-2", "Write a long essay about rivers.", max_tokens=5))
# KEEP-BEGIN
print(json.dumps(MODEL_REGISTRY["cohere-command"]["body"]("hi", 5), sort_keys=True))
# KEEP-END
