import json

import boto3

client = boto3.client("bedrock-runtime")


def stream(prompt):
    response = client.invoke_model_with_response_stream(
        modelId="anthropic.claude-v2",
        body=json.dumps({"prompt": f"\n\nHuman: {prompt}\n\nAssistant:", "max_tokens_to_sample": 50}),
    )
    pieces = []
    for event in response.get("body"):
        chunk = event.get("chunk")
        if chunk:
            text = json.loads(chunk.get("bytes").decode()).get("completion", "")
            pieces.append(text)
    return "".join(pieces)


print(stream("Count to three."))
