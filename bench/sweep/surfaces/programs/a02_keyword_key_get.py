# migrator-fixture: sdk02
import os

from anthropic import AI_PROMPT, HUMAN_PROMPT, Client

client = Client(api_key=os.environ["ANTHROPIC_API_KEY"])


def ask(question):
    resp = client.completion(
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        model="claude-instant-v1",
        max_tokens_to_sample=200,
        temperature=0.3,
    )
    return resp.get("completion", "").strip()


print(ask("Name three colours."))
print(ask("Name three fruits."))
