import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-west-2")
ROLE_PREFIX = {"user": "\n\nHuman: ", "assistant": "\n\nAssistant: "}


def to_prompt(messages):
    prompt = "".join(ROLE_PREFIX[m["role"]] + m["content"] for m in messages)
    return prompt + "\n\nAssistant:"


def lambda_handler(event, context):
    request = json.loads(event["body"])
    response = runtime.invoke_model_with_response_stream(
        modelId=request.get("model", "anthropic.claude-instant-v1"),
        body=json.dumps(
            {
                "prompt": to_prompt(request["messages"]),
                "max_tokens_to_sample": request.get("max_tokens", 100),
                "stop_sequences": ["\n\nHuman:"],
            }
        ),
    )
    lines, final = [], None
    for event_part in response["body"]:
        chunk = json.loads(event_part["chunk"]["bytes"].decode("utf-8"))
        if chunk["completion"]:
            lines.append("data: " + json.dumps({"text": chunk["completion"]}))
        if chunk.get("stop_reason"):
            final = chunk["stop_reason"]
    lines.append("data: " + json.dumps({"done": True, "reason": final}))
    return {"statusCode": 200, "headers": {"Content-Type": "text/event-stream"}, "body": "\n\n".join(lines)}


chat = [{"role": "user", "content": "Hi! I'm planning a trip to Peru."}]
chat += [{"role": "assistant", "content": "Great choice."}, {"role": "user", "content": "What should I pack?"}]
for req in ({"messages": chat}, {"messages": chat[:1], "max_tokens": 3}):
    out = lambda_handler({"body": json.dumps(req)}, None)
    events = [json.loads(b[len("data: "):]) for b in out["body"].split("\n\n")]
    print(out["statusCode"], len(events) > 2, events[-1])
    print("".join(e.get("text", "") for e in events).strip())
