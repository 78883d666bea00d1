import json
import os

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
BASE_BODY = {
    "max_tokens_to_sample": 512,
    "top_p": 0.9,
    "stop_sequences": ["\n\nHuman:"],
    "anthropic_version": "bedrock-2023-05-31",
}
SYSTEM = os.environ.get("SYSTEM_PROMPT", "You are a concise assistant for a hiking app.")


def messages_to_prompt(messages, system=SYSTEM):
    prompt = system
    for message in messages:
        if message["role"] == "user":
            prompt += "\n\nHuman: " + message["content"]
        elif message["role"] == "assistant":
            prompt += "\n\nAssistant: " + message["content"]
    return prompt + "\n\nAssistant:"


def lambda_handler(event, context):
    try:
        request = json.loads(event["body"])
        messages = request["messages"]
    except (KeyError, TypeError, json.JSONDecodeError):
        return {"statusCode": 400, "body": json.dumps({"error": "bad request"})}
    body = {**BASE_BODY, "prompt": messages_to_prompt(messages)}
    if "max_tokens" in request:
        body["max_tokens_to_sample"] = request["max_tokens"]
    response = bedrock.invoke_model(modelId="anthropic.claude-v2", body=json.dumps(body))
    data = json.loads(response["body"].read())
    reply = {"role": "assistant", "content": data["completion"].strip()}
    return {
        "statusCode": 200,
        "body": json.dumps({"message": reply, "finished": data["stop_reason"] == "stop_sequence"}),
    }


history = [{"role": "user", "content": "Suggest a short hike near Denver."}]
first = json.loads(lambda_handler({"body": json.dumps({"messages": history})}, None)["body"])
print(first["finished"], first["message"]["content"])
history += [first["message"], {"role": "user", "content": "How long does it take?"}]
second = json.loads(lambda_handler({"body": json.dumps({"messages": history, "max_tokens": 4})}, None)["body"])
print(second["finished"], second["message"]["content"])
print(lambda_handler({"body": "not json"}, None)["statusCode"])
