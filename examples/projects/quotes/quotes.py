"""A quote service that asks Text Completions over raw HTTP, with `requests`."""

import requests

API_URL = "https://api.anthropic.com/v1/complete"
HEADERS = {"x-api-key": "test-key", "anthropic-version": "2023-06-01"}


def quote(topic: str) -> str:
    response = requests.post(
        API_URL,
        headers=HEADERS,
        json={
            "model": "claude-2.1",
            "max_tokens_to_sample": 200,
            "prompt": f"\n\nHuman: Give me one short quote about {topic}.\n\nAssistant:",
            "stop_sequences": ["\n\nHuman:", "</quote>"],
        },
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["completion"].strip()


def was_cut_off(topic: str) -> bool:
    response = requests.post(
        API_URL,
        headers=HEADERS,
        json={
            "model": "claude-instant-1.2",
            "max_tokens_to_sample": 5,
            "prompt": f"\n\nHuman: A long quote about {topic}.\n\nAssistant:",
        },
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["stop_reason"] == "max_tokens"
