import json

import boto3

client = boto3.client("bedrock-runtime", region_name="us-west-2")


def claude_body(prompt, max_tokens=300, temperature=0.2):
    return {
        "prompt": f"\n\nHuman: {prompt}\n\nAssistant:",
        "max_tokens_to_sample": max_tokens,
        "temperature": temperature,
        "stop_sequences": ["\n\nHuman:"],
    }


def ask(prompt, max_tokens=300):
    response = client.invoke_model(
        modelId="anthropic.claude-v2:1",
        body=json.dumps(claude_body(prompt, max_tokens)),
        contentType="application/json",
        accept="application/json",
    )
    result = json.loads(response["body"].read())
    if result["stop_reason"] == "max_tokens":
        print("warning: answer truncated")
    return result["completion"].strip()


print(ask("Name a programming language."))
print(ask("Explain recursion in detail.", max_tokens=6))
