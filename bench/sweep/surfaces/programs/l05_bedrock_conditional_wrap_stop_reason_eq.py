import json

import boto3

MODEL_ID = "anthropic.claude-instant-v1"
runtime = boto3.client("bedrock-runtime", region_name="us-east-1")


def ensure_claude_format(prompt):
    if not prompt.startswith("\n\nHuman:"):
        prompt = "\n\nHuman: " + prompt
    if not prompt.rstrip().endswith("Assistant:"):
        prompt = prompt + "\n\nAssistant:"
    return prompt


def generate(prompt, max_tokens=80, temperature=0.5):
    payload = {
        "prompt": ensure_claude_format(prompt),
        "max_tokens_to_sample": max_tokens,
        "temperature": temperature,
        "stop_sequences": ["\n\nHuman:"],
    }
    response = runtime.invoke_model(modelId=MODEL_ID, body=json.dumps(payload))
    data = json.loads(response["body"].read())
    finished = data.get("stop_reason") == "stop_sequence"
    return data.get("completion", "").strip(), finished


for p in ("What is a lighthouse?", "\n\nHuman: Describe a harbour in detail.\n\nAssistant:"):
    text, finished = generate(p, max_tokens=8 if "detail" in p else 80)
    print("done" if finished else "cut", "|", text)
