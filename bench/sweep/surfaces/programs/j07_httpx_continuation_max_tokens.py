import os

import httpx

client = httpx.Client(
    base_url=os.environ["ANTHROPIC_BASE_URL"],
    headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
    timeout=30,
)


def complete_long(question, chunk_tokens=6, max_rounds=3):
    prompt = f"\n\nHuman: {question}\n\nAssistant:"
    answer = ""
    for round_no in range(1, max_rounds + 1):
        resp = client.post(
            "/v1/complete",
            json={"model": "claude-2.1", "prompt": prompt + answer, "max_tokens_to_sample": chunk_tokens},
        )
        resp.raise_for_status()
        answer += resp.json()["completion"]
        if resp.json()["stop_reason"] != "max_tokens":
            break
    return answer, round_no


for q in ("Name a color.", "Write a long essay about bridges."):
    text, rounds = complete_long(q)
    print(rounds, len(text), text.strip())
client.close()
