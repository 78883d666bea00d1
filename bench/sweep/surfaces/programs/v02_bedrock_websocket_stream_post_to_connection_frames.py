import json

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
MODEL_ID = "anthropic.claude-instant-v1"


class FakeApiGateway:
    """Stands in for boto3.client("apigatewaymanagementapi", endpoint_url=...)."""

    def __init__(self):
        self.sent = {}

    def post_to_connection(self, ConnectionId, Data):
        self.sent.setdefault(ConnectionId, []).append(json.loads(Data))


apigw = FakeApiGateway()


def send(connection_id, message):
    apigw.post_to_connection(ConnectionId=connection_id, Data=json.dumps(message).encode("utf-8"))


def on_message(event, context):
    connection_id = event["requestContext"]["connectionId"]
    body = json.loads(event["body"])
    prompt = "\n\nHuman: " + body["message"] + "\n\nAssistant:"
    response = bedrock.invoke_model_with_response_stream(
        modelId=MODEL_ID,
        body=json.dumps({"prompt": prompt, "max_tokens_to_sample": body.get("max_tokens", 300)}),
    )
    send(connection_id, {"type": "start"})
    truncated = False
    for event_part in response.get("body"):
        chunk = json.loads(event_part["chunk"]["bytes"])
        if chunk.get("completion"):
            send(connection_id, {"type": "token", "text": chunk["completion"]})
        if chunk.get("stop_reason") == "max_tokens":
            truncated = True
    send(connection_id, {"type": "end", "truncated": truncated})
    return {"statusCode": 200}


def ws_event(connection_id, payload):
    return {"requestContext": {"connectionId": connection_id, "routeKey": "sendMessage"}, "body": json.dumps(payload)}


print(on_message(ws_event("abc=", {"message": "Tell me a fun fact about owls."}), None))
print(on_message(ws_event("xyz=", {"message": "Explain photosynthesis.", "max_tokens": 3}), None))
for conn, frames in sorted(apigw.sent.items()):
    text = "".join(f["text"] for f in frames if f["type"] == "token")
    print(conn, frames[0], frames[-1], len(frames) > 3, text.strip())
