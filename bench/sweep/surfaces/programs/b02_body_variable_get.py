import json

import boto3

bedrock = boto3.client(service_name="bedrock-runtime")


def summarize(text):
    body = json.dumps(
        {
            "prompt": f"\n\nHuman: Summarize: {text}\n\nAssistant:",
            "max_tokens_to_sample": 300,
            "stop_sequences": ["\n\nHuman:"],
        }
    )
    response = bedrock.invoke_model(body=body, modelId="anthropic.claude-instant-v1", accept="application/json", contentType="application/json")
    response_body = json.loads(response.get("body").read())
    return response_body.get("completion")


print(summarize("The cat sat on the mat all day long."))
