# migrator-fixture: sdk02
import os

import anthropic

DEFAULT_PARAMS = {
    "model": "claude-instant-v1",
    "max_tokens_to_sample": 200,
    "temperature": 0.3,
    "stop_sequences": [anthropic.HUMAN_PROMPT],
}

client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])


def complete(question, **overrides):
    params = dict(DEFAULT_PARAMS)
    params.update(overrides)
    params["prompt"] = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    response = client.completion(**params)
    return response["completion"]


print(complete("Give a synonym for happy."))
print(complete("Give an antonym for cold.", max_tokens_to_sample=5, temperature=0.0))
