import json

import boto3

MODEL_IDS = ["anthropic.claude-instant-v1", "anthropic.claude-v2"]
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")

EVAL_SET = [
    {"question": "What is 12 * 12?", "keywords": ["144", "12"]},
    {"question": "Name the largest planet in the solar system.", "keywords": ["jupiter"]},
    {"question": "Say the word stop and nothing else.", "keywords": ["stop"]},
]


def invoke(model_id, question, max_tokens=100):
    body = {
        "prompt": f"\n\nHuman: {question}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "temperature": 0,
        "stop_sequences": ["\n\nHuman:"],
    }
    response = bedrock.invoke_model(modelId=model_id, body=json.dumps(body))
    return json.loads(response["body"].read())


results = {}
for model_id in MODEL_IDS:
    scores = []
    for item in EVAL_SET:
        out = invoke(model_id, item["question"])
        text = out["completion"].lower()
        hit = any(k in text for k in item["keywords"])
        scores.append(hit)
        print(f"{model_id:30s} {str(hit):5s} {out['stop_reason']:13s} {text.strip()[:50]}")
    short = invoke(model_id, "Explain photosynthesis.", max_tokens=4)
    print(f"{model_id:30s} truncated={short['stop_reason'] == 'max_tokens'}")
    results[model_id] = round(sum(scores) / len(scores), 3)

print(json.dumps(results, indent=2))
print("best:", max(results, key=results.get))
