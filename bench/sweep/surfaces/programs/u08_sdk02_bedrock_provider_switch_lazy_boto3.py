# migrator-fixture: sdk02
import json
import os

import anthropic

PROVIDER = os.environ.get("LLM_PROVIDER", "anthropic")


def build_prompt(question, context=""):
    if context:
        question = f"Use this context:\n{context}\n\n{question}"
    return f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"


class ClaudeBackend:
    def __init__(self, provider=PROVIDER):
        self.provider = provider
        if provider == "bedrock":
            import boto3

            self.client = boto3.client("bedrock-runtime", region_name="us-east-1")
            self.model = "anthropic.claude-v2"
        else:
            self.client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
            self.model = "claude-2"

    def complete(self, prompt, max_tokens=80):
        params = {
            "prompt": prompt,
            "max_tokens_to_sample": max_tokens,
            "stop_sequences": [anthropic.HUMAN_PROMPT],
            "temperature": 0.2,
        }
        if self.provider == "bedrock":
            resp = self.client.invoke_model(
                modelId=self.model,
                body=json.dumps(params),
                accept="application/json",
                contentType="application/json",
            )
            data = json.loads(resp["body"].read())
        else:
            data = self.client.completion(model=self.model, **params)
        return data["completion"].strip(), data["stop_reason"]


backend = ClaudeBackend()
print(backend.complete(build_prompt("Who wrote Dune?")))
print(backend.complete(build_prompt("Summarize the plot.", context="Dune is a 1965 novel."), max_tokens=5))
