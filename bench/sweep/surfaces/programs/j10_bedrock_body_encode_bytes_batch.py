import json

import boto3

bedrock_runtime = boto3.client(service_name="bedrock-runtime", region_name="us-east-1")

TICKETS = {
    "T-1": "My package arrived broken.",
    "T-2": "How do I reset my password?",
    "T-3": "Please stop sending me emails.",
}


def label_ticket(ticket_text):
    prompt = (
        "\n\nHuman: Classify this support ticket as SHIPPING, ACCOUNT or OTHER."
        f"\n<ticket>{ticket_text}</ticket>\n\nAssistant: Category:"
    )
    response = bedrock_runtime.invoke_model(
        modelId="anthropic.claude-instant-v1",
        contentType="application/json",
        accept="application/json",
        body=json.dumps(
            {"prompt": prompt, "max_tokens_to_sample": 40, "temperature": 0, "stop_sequences": ["STOP"]}
        ).encode("utf-8"),
    )
    result = json.loads(response["body"].read().decode("utf-8"))
    return {"category": result["completion"].strip(), "stop": result["stop_reason"]}


labels = {tid: label_ticket(text) for tid, text in TICKETS.items()}
print(json.dumps(labels, indent=1, sort_keys=True))
