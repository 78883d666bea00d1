import os

import requests

URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {
    "x-api-key": os.environ["ANTHROPIC_API_KEY"],
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
}
SYSTEM = "You are a helpful travel agent. Keep answers short."

conversation = SYSTEM
scripted = iter(["I want to visit Japan.", "What about in winter?", "quit", "never sent"])

while True:
    user_input = next(scripted)
    if user_input.lower() in ("quit", "exit"):
        print("Goodbye!")
        break
    conversation += f"\n\nHuman: {user_input}\n\nAssistant:"
    r = requests.post(
        URL,
        headers=HEADERS,
        json={
            "model": "claude-2.1",
            "prompt": conversation,
            "max_tokens_to_sample": 300,
            "stop_sequences": ["\n\nHuman:"],
        },
    )
    r.raise_for_status()
    answer = r.json()["completion"]
    conversation += answer
    print("Agent:", answer.strip())

print(conversation.count("\n\nHuman:"), len(conversation))
