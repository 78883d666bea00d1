import json

import boto3

client = boto3.client("bedrock-runtime", region_name="us-east-1")


def long_answer(question, chunk_tokens=8, max_rounds=3):
    base_prompt = f"\n\nHuman: {question}\n\nAssistant:"
    body = {"prompt": base_prompt, "max_tokens_to_sample": chunk_tokens, "stop_sequences": ["\n\nHuman:"]}
    answer = ""
    for rounds in range(1, max_rounds + 1):
        body["prompt"] = base_prompt + answer
        resp = client.invoke_model(
            modelId="anthropic.claude-v2:1",
            body=json.dumps(body),
            accept="application/json",
            contentType="application/json",
        )
        result = json.loads(resp["body"].read())
        answer += result["completion"]
        if result["stop_reason"] != "max_tokens":
            break
    return answer.strip(), rounds


for q in ("Name a color.", "Write a long essay about bridges."):
    text, rounds = long_answer(q)
    print(rounds, len(text))
    print(text)
