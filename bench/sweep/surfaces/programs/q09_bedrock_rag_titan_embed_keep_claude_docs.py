import json

import boto3
from botocore.exceptions import ClientError

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
DOCS = [
    "The warehouse in Leeds ships orders on weekdays before 3pm.",
    "Refunds are issued within 14 days to the original payment method.",
    "Gift cards cannot be exchanged for cash.",
]


# KEEP-BEGIN
def embed(text):
    body = json.dumps({"inputText": text})
    resp = bedrock.invoke_model(modelId="amazon.titan-embed-text-v1", body=body, accept="application/json", contentType="application/json")
    return json.loads(resp["body"].read())["embedding"]
# KEEP-END


def overlap(a, b):
    return len(set(a.lower().split()) & set(b.lower().split()))


def retrieve(question, k=2):
    try:
        q = embed(question)
        scored = [(sum(x * y for x, y in zip(q, embed(d))), d) for d in DOCS]
    except ClientError as err:
        print("embeddings unavailable:", err.response["Error"]["Code"])
        scored = [(overlap(question, d), d) for d in DOCS]
    return [d for _, d in sorted(scored, reverse=True)[:k]]


def answer(question):
    context = "\n".join(f"<document>{d}</document>" for d in retrieve(question))
    prompt = (
        "\n\nHuman: Use the documents to answer the question.\n"
        f"{context}\n\nQuestion: {question}\n\nAssistant:"
    )
    body = json.dumps({"prompt": prompt, "max_tokens_to_sample": 250, "temperature": 0.2})
    result = json.loads(bedrock.invoke_model(modelId="anthropic.claude-v2", body=body)["body"].read())
    return result.get("completion", "").strip()


for q in ("When are refunds issued?", "Can I exchange gift cards for cash?"):
    print(q, "->", answer(q))
