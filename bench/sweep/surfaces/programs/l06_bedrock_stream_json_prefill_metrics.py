import json

import boto3

bedrock = boto3.client(service_name="bedrock-runtime", region_name="us-west-2")
SCHEMA = '{"city": string, "country": string}'


def extract_stream(sentence, model_id="anthropic.claude-v2"):
    prompt = (
        f"\n\nHuman: Extract the city and country from the sentence as JSON matching {SCHEMA}."
        f"\n<sentence>{sentence}</sentence>\n\nAssistant: {{"
    )
    response = bedrock.invoke_model_with_response_stream(
        modelId=model_id,
        body=json.dumps({"prompt": prompt, "max_tokens_to_sample": 200, "top_k": 250, "top_p": 0.99}),
    )
    pieces, metrics = [], {}
    for event in response.get("body"):
        payload = json.loads(event["chunk"]["bytes"])
        pieces.append(payload.get("completion", ""))
        metrics = payload.get("amazon-bedrock-invocationMetrics", metrics)
    raw = "{" + "".join(pieces)
    return json.loads(raw), metrics.get("outputTokenCount")


for s in ("We landed in Lisbon, Portugal at dawn.", "Kyoto in Japan is lovely in spring."):
    data, tokens = extract_stream(s)
    print(sorted(data), tokens, str(data.get("answer", ""))[:40])
