# migrator-fixture: requests-unordered
import asyncio
import json

import boto3

MODEL_ID = "anthropic.claude-v2"
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
QUESTIONS = ["What is a haiku?", "What is a sonnet?", "What is a limerick?"]


async def ask(question: str, max_tokens: int = 150) -> str:
    body = json.dumps(
        {
            "prompt": f"\n\nHuman: {question}\n\nAssistant:",
            "max_tokens_to_sample": max_tokens,
            "stop_sequences": ["\n\nHuman:"],
        }
    )
    response = await asyncio.to_thread(
        bedrock.invoke_model,
        modelId=MODEL_ID,
        body=body,
        accept="application/json",
        contentType="application/json",
    )
    return json.loads(response["body"].read())["completion"].strip()


async def main():
    answers = await asyncio.gather(*(ask(q) for q in QUESTIONS))
    for q, a in zip(QUESTIONS, answers):
        print(f"{q} -> {a}")
    print(await ask("What is free verse?", max_tokens=4))


asyncio.run(main())
