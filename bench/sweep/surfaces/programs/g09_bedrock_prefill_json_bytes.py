import json

import boto3

client = boto3.client("bedrock-runtime", region_name="us-east-1")


def extract(text):
    payload = {
        "prompt": (
            "\n\nHuman: Extract the person's name and city from the text below as JSON."
            f"\n<text>{text}</text>\n\nAssistant: {{"
        ),
        "max_tokens_to_sample": 100,
        "temperature": 0,
        "stop_sequences": ["\n\nHuman:", "}"],
    }
    response = client.invoke_model(
        modelId="anthropic.claude-v2:1",
        body=json.dumps(payload).encode("utf-8"),
        accept="application/json",
        contentType="application/json",
    )
    data = json.loads(response.get("body").read().decode())
    return "{" + data.get("completion", "") + "}"


for line in ["Maria lives in Lisbon.", "Kenji moved to Osaka last year."]:
    out = extract(line)
    print(len(out), out)
