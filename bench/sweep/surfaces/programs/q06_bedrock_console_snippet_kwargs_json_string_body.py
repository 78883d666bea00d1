# Pasted from the Bedrock console's "View API request" for Claude v2, then tweaked.
import json

import boto3

bedrock_runtime = boto3.client(service_name="bedrock-runtime", region_name="us-east-1")

kwargs = {
    "modelId": "anthropic.claude-v2",
    "contentType": "application/json",
    "accept": "*/*",
    "body": "{\"prompt\":\"\\n\\nHuman: Write a one-line slogan for a bakery.\\n\\nAssistant:\",\"max_tokens_to_sample\":300,\"temperature\":0.5,\"top_k\":250,\"top_p\":1,\"stop_sequences\":[\"\\n\\nHuman:\"],\"anthropic_version\":\"bedrock-2023-05-31\"}",
}

response = bedrock_runtime.invoke_model(**kwargs)
body = json.loads(response.get("body").read())
print(body["completion"].strip())
print(body["stop_reason"])

# Second request: same settings, different question
kwargs["body"] = json.dumps(
    {
        "prompt": "\n\nHuman: Now one for a flower shop.\n\nAssistant:",
        "max_tokens_to_sample": 300,
        "temperature": 0.5,
        "top_k": 250,
        "top_p": 1,
        "stop_sequences": ["\n\nHuman:"],
        "anthropic_version": "bedrock-2023-05-31",
    }
)
response = bedrock_runtime.invoke_model(**kwargs)
print(json.loads(response.get("body").read())["completion"].strip())
