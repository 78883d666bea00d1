import json
import time

import boto3
from botocore.exceptions import ClientError

client = boto3.client("bedrock-runtime", region_name="us-east-1")
RETRYABLE = {"ThrottlingException", "ServiceUnavailableException", "ModelTimeoutException"}


def invoke_with_retry(model_id, body, max_attempts=4):
    for attempt in range(1, max_attempts + 1):
        try:
            return client.invoke_model(modelId=model_id, body=body)
        except ClientError as err:
            code = err.response["Error"]["Code"]
            if code in RETRYABLE and attempt < max_attempts:
                time.sleep(0)
                continue
            raise


# KEEP-BEGIN
def ask_titan(question):
    body = json.dumps({"inputText": question, "textGenerationConfig": {"maxTokenCount": 200}})
    response = invoke_with_retry("amazon.titan-text-premier-v1:0", body)
    return json.loads(response["body"].read())["results"][0]["outputText"]
# KEEP-END


def ask_claude(question, max_tokens=200):
    body = json.dumps(
        {
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "temperature": 0.5,
        }
    )
    response = invoke_with_retry("anthropic.claude-v2", body)
    return json.loads(response["body"].read())["completion"]


for question in ("What does a barometer measure?", "Why do cats purr?"):
    try:
        answer, source = ask_titan(question), "titan"
    except ClientError as err:
        print(f"ERROR: Can't invoke Titan. Reason: {err.response['Error']['Code']}")
        try:
            answer, source = ask_claude(question), "claude"
        except ClientError as err2:
            answer, source = err2.response["Error"]["Message"], "none"
    print(source, "|", answer.strip())
