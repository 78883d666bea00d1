import json
from dataclasses import asdict, dataclass, field, replace

import boto3


@dataclass(frozen=True)
class InferenceParams:
    max_tokens_to_sample: int = 256
    temperature: float = 0.3
    top_p: float = 0.95
    stop_sequences: list = field(default_factory=lambda: ["\n\nHuman:"])


DEFAULT_PARAMS = InferenceParams()
runtime = boto3.client("bedrock-runtime", region_name="eu-central-1")


def run(prompt: str, params: InferenceParams = DEFAULT_PARAMS, model_id: str = "anthropic.claude-v2:1") -> str:
    body = {"prompt": f"\n\nHuman: {prompt}\n\nAssistant:", **asdict(params)}
    response = runtime.invoke_model(modelId=model_id, body=json.dumps(body))
    return json.loads(response["body"].read())["completion"].strip()


print(run("Translate 'good morning' into German."))
short = replace(DEFAULT_PARAMS, max_tokens_to_sample=4)
print(run("Translate a long paragraph about the sea into German.", short))
print(DEFAULT_PARAMS.max_tokens_to_sample, short.max_tokens_to_sample)
