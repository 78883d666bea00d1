import json
import re
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

RETRYABLE = {"ThrottlingException", "ServiceUnavailableException", "ModelTimeoutException"}
bedrock = boto3.client(
    "bedrock-runtime",
    region_name="us-east-1",
    config=Config(read_timeout=120, retries={"max_attempts": 2, "mode": "standard"}),
)


def call_claude(prompt, max_tokens=400, attempts=3):
    body = json.dumps(
        dict(
            prompt=prompt,
            max_tokens_to_sample=max_tokens,
            temperature=0.0,
            stop_sequences=["\n\nHuman:"],
        )
    )
    for attempt in range(attempts):
        try:
            response = bedrock.invoke_model(body=body, modelId="anthropic.claude-v2")
            return json.loads(response.get("body").read()).get("completion", "")
        except ClientError as err:
            if err.response["Error"]["Code"] not in RETRYABLE or attempt == attempts - 1:
                raise
            time.sleep(2**attempt)
    return ""


def brainstorm(topic, n=3, max_tokens=400):
    prompt = (
        "\n\nHuman: Give me "
        + str(n)
        + " ideas for "
        + topic
        + ". Reply with a numbered list and nothing else.\n\nAssistant:"
    )
    raw = call_claude(prompt, max_tokens=max_tokens)
    items = [m.group(1).strip() for m in re.finditer(r"^\s*\d+[.)]\s*(.+)$", raw, re.MULTILINE)]
    return items or [raw.strip()]


for topic in ("a birthday party", "a science fair project"):
    ideas = brainstorm(topic)
    print(topic, len(ideas), ideas[0][:60])
print(brainstorm("a weekend trip", max_tokens=2))
