import json

import boto3

bedrock_runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
CLAUDE_V2 = "anthropic.claude-v2"
CLAUDE_INSTANT = "anthropic.claude-instant-v1"


def claude_body(prompt, **params):
    return dict(
        prompt=f"\n\nHuman: {prompt}\n\nAssistant:",
        max_tokens_to_sample=params.get("max_tokens", 200),
        temperature=params.get("temperature", 0.5),
        stop_sequences=["\n\nHuman:"],
    )


def generate(prompt, model_id=CLAUDE_V2, **params):
    response = bedrock_runtime.invoke_model(
        modelId=model_id,
        body=json.dumps(claude_body(prompt, **params)),
        accept="application/json",
        contentType="application/json",
    )
    result = json.load(response.get("body"))
    return result.get("completion", "").strip(), result.get("stop_reason")


if __name__ == "__main__":
    text, reason = generate("Give me a name for a pet turtle.")
    print(reason, text)
    text, reason = generate("Describe the water cycle.", CLAUDE_INSTANT, max_tokens=6, temperature=0.0)
    print(reason, text)
    if reason == "max_tokens":
        print("(answer was cut short)")
