import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-east-1")
ROLE_PREFIX = {"user": "\n\nHuman:", "assistant": "\n\nAssistant:"}


def to_prompt(history):
    prompt = ""
    for turn in history:
        prompt += f"{ROLE_PREFIX[turn['role']]} {turn['content']}"
    return prompt + "\n\nAssistant:"


def chat_stream(history, max_tokens=40):
    response = runtime.invoke_model_with_response_stream(
        modelId="anthropic.claude-v2",
        body=json.dumps({"prompt": to_prompt(history), "max_tokens_to_sample": max_tokens}),
    )
    parts = []
    for event in response["body"]:
        chunk = json.loads(event["chunk"]["bytes"].decode("utf-8"))
        parts.append(chunk["completion"])
    return "".join(parts)


history = [{"role": "user", "content": "Suggest a name for a cat."}]
for follow_up in ["Why that one?", "Give one more option."]:
    reply = chat_stream(history)
    print(len(reply), reply.strip())
    history.append({"role": "assistant", "content": reply.strip()})
    history.append({"role": "user", "content": follow_up})
print(chat_stream(history).strip())
