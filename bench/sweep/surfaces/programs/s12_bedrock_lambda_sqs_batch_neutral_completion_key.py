import json
import logging

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
MODEL_ID = "anthropic.claude-instant-v1"
PROMPT = "\n\nHuman: Summarise this support ticket in one line:\n<ticket>{ticket}</ticket>\n\nAssistant:"


def summarise(ticket: str, limit: int) -> str:
    response = bedrock.invoke_model(
        modelId=MODEL_ID,
        body=json.dumps({"prompt": PROMPT.format(ticket=ticket), "max_tokens_to_sample": limit}),
    )
    return json.loads(response["body"].read())["completion"].strip()


def handler(event, context):
    results, failures = [], []
    for record in event["Records"]:
        ticket = json.loads(record["body"])
        try:
            summary = summarise(ticket["text"], ticket.get("limit", 60))
        except ClientError as err:
            logger.error("bedrock failed: %s", err)
            failures.append({"itemIdentifier": record["messageId"]})
            continue
        # KEEP-BEGIN
        results.append({"id": ticket["id"], "completion": summary, "model": "claude"})
        # KEEP-END
    return {"batchItemFailures": failures, "results": results}


records = [
    {"messageId": "m1", "body": json.dumps({"id": 101, "text": "App crashes when I upload a photo."})},
    {"messageId": "m2", "body": json.dumps({"id": 102, "text": "Refund not received after two weeks.", "limit": 3})},
]
out = handler({"Records": records}, None)
for item in out["results"]:
    print(item["id"], item["completion"])
print(out["batchItemFailures"])
