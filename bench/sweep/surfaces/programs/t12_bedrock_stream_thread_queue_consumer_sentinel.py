import json
import queue
import threading

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
DONE = object()


def producer(q, question, max_tokens):
    response = bedrock.invoke_model_with_response_stream(
        modelId="anthropic.claude-instant-v1",
        contentType="application/json",
        accept="*/*",
        body=json.dumps(
            {
                "prompt": "\n\nHuman: " + question + "\n\nAssistant:",
                "max_tokens_to_sample": max_tokens,
                "stop_sequences": ["\n\nHuman:"],
            }
        ),
    )
    try:
        for event in response["body"]:
            chunk = json.loads(event["chunk"]["bytes"])
            q.put(("text", chunk["completion"]))
            if chunk.get("stop_reason"):
                q.put(("stop", chunk["stop_reason"]))
    finally:
        q.put((DONE, None))


def ask(question, max_tokens=100):
    q = queue.Queue()
    t = threading.Thread(target=producer, args=(q, question, max_tokens), daemon=True)
    t.start()
    text, stop = [], None
    while True:
        kind, value = q.get(timeout=30)
        if kind is DONE:
            break
        if kind == "text":
            text.append(value)
        else:
            stop = value
    t.join()
    return "".join(text), stop


for question, limit in (("What is a fjord?", 100), ("Describe Norway in detail.", 4)):
    answer, stop = ask(question, limit)
    print(f"{stop}: {answer.strip()}")
