# migrator-fixture: sdk02
import os
import time

import anthropic


class ClaudeClient:
    def __init__(self, api_key, model="claude-v1.3", max_retries=3):
        self.client = anthropic.Client(api_key)
        self.model = model
        self.max_retries = max_retries

    def ask(self, question, max_tokens=120):
        prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
        for attempt in range(self.max_retries):
            try:
                response = self.client.completion(
                    prompt=prompt,
                    model=self.model,
                    max_tokens_to_sample=max_tokens,
                    stop_sequences=[anthropic.HUMAN_PROMPT],
                )
                return response["completion"].strip()
            except anthropic.ApiException as exc:
                print(f"attempt {attempt + 1} failed: {exc}")
                time.sleep(0.01 * 2**attempt)
        raise RuntimeError("out of retries")


claude = ClaudeClient(os.environ["ANTHROPIC_API_KEY"])
print(claude.ask("Name a river in Africa."))
print(claude.ask("Name a desert.", max_tokens=3))
