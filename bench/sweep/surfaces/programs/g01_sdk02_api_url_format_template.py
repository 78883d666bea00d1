# migrator-fixture: sdk02
import os

import anthropic

API_URL = os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/"
TEMPLATE = "{human} Answer in one short sentence. {question}{ai}"


class QA:
    def __init__(self, key, model="claude-instant-v1", max_tokens=60):
        self.client = anthropic.Client(api_key=key, api_url=API_URL, default_request_timeout=30)
        self.model = model
        self.max_tokens = max_tokens

    def answer(self, question):
        prompt = TEMPLATE.format(human=anthropic.HUMAN_PROMPT, question=question, ai=anthropic.AI_PROMPT)
        try:
            resp = self.client.completion(
                prompt=prompt,
                model=self.model,
                max_tokens_to_sample=self.max_tokens,
                stop_sequences=[anthropic.HUMAN_PROMPT],
                temperature=0,
            )
        except anthropic.ApiException as err:
            return f"<error {err}>"
        return resp.get("completion", "").strip()


qa = QA(os.environ["ANTHROPIC_API_KEY"])
for q in ("Why is snow white?", "What is a prime number?"):
    text = qa.answer(q)
    print(len(text), text)
