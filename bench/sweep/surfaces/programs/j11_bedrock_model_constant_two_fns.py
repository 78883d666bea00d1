import json

import boto3

MODEL_ID = "anthropic.claude-instant-v1"
bedrock = boto3.client("bedrock-runtime", region_name="us-west-2")


def summarize(text, max_tokens=80):
    response = bedrock.invoke_model(
        modelId=MODEL_ID,
        body=json.dumps(
            {
                "prompt": f"\n\nHuman: Summarize this in one sentence:\n{text}\n\nAssistant:",
                "max_tokens_to_sample": max_tokens,
                "stop_sequences": ["\n\nHuman:"],
            }
        ),
    )
    return json.loads(response["body"].read())["completion"].strip()


def extract_keywords(text):
    response = bedrock.invoke_model(
        modelId=MODEL_ID,
        body=json.dumps(
            {
                "prompt": f"\n\nHuman: List three keywords for:\n{text}\n\nAssistant: Keywords:",
                "max_tokens_to_sample": 15,
                "top_k": 50,
            }
        ),
    )
    data = json.loads(response["body"].read())
    return [w.strip() for w in data["completion"].split(",")], data["stop_reason"]


ARTICLE = "Solar panels convert sunlight into electricity using photovoltaic cells."
print(summarize(ARTICLE))
print(summarize(ARTICLE, max_tokens=4))
print(extract_keywords(ARTICLE))
print(MODEL_ID.split(".")[0])
