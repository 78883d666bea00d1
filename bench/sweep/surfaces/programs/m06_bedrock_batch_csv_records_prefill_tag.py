import csv
import io
import json

import boto3

client = boto3.client("bedrock-runtime", region_name="us-east-1")
MODEL = "anthropic.claude-instant-v1"

REVIEWS = [
    {"sku": "A-100", "review": "Battery lasts forever, love it."},
    {"sku": "B-200", "review": "Broke after two days. Refund please."},
    {"sku": "C-300", "review": "It is fine I guess, nothing special."},
]


def classify(review):
    prompt = (
        "\n\nHuman: Rate the sentiment of this product review as positive, negative or neutral.\n"
        f"<review>{review}</review>\n"
        "Put the label inside <label></label> tags."
        "\n\nAssistant: <label>"
    )
    body = {"prompt": prompt, "max_tokens_to_sample": 20, "temperature": 0.0, "stop_sequences": ["</label>"]}
    resp = client.invoke_model(modelId=MODEL, body=json.dumps(body))
    data = json.loads(resp["body"].read().decode("utf-8"))
    return data["completion"].strip().lower()


def run_batch(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["sku", "label", "chars"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        label = classify(row["review"])
        writer.writerow({"sku": row["sku"], "label": label, "chars": len(label)})
    return buffer.getvalue()


print(run_batch(REVIEWS), end="")
