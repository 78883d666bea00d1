import json
import logging

import boto3
from botocore.config import Config

logging.basicConfig(level=logging.WARNING)
log = logging.getLogger("bedrock")

config = Config(read_timeout=300, retries={"max_attempts": 3, "mode": "standard"})
bedrock = boto3.client("bedrock-runtime", region_name="us-east-1", config=config)
CLAUDE = "anthropic.claude-v2"


def invoke(prompt: str, max_tokens: int = 300, temperature: float = 0.0) -> dict:
    body = json.dumps(
        {
            "prompt": prompt,
            "max_tokens_to_sample": max_tokens,
            "temperature": temperature,
            "stop_sequences": ["\n\nHuman:"],
        }
    )
    response = bedrock.invoke_model(modelId=CLAUDE, body=body)
    return json.loads(response["body"].read())


def title_for(article: str) -> str:
    out = invoke(f"\n\nHuman: Suggest a title for this article:\n{article}\n\nAssistant: Title:", max_tokens=20)
    return out["completion"].strip().strip('"')


def keywords_for(article: str) -> list:
    out = invoke(f"\n\nHuman: List 3 keywords for this article, comma separated:\n{article}\n\nAssistant:")
    if out["stop_reason"] == "max_tokens":
        log.warning("keywords truncated")
    return [k.strip() for k in out["completion"].split(",") if k.strip()]


article = "City council approves a new bike lane network spanning 40 km across the downtown area."
print(title_for(article))
print(keywords_for(article))
