"""A glossary that asks Text Completions over raw HTTP, with `httpx`."""

import httpx

API_URL = "https://api.anthropic.com/v1/complete"
HEADERS = {"x-api-key": "test-key", "anthropic-version": "2023-06-01"}


def define(term: str) -> str:
    response = httpx.post(
        API_URL,
        headers=HEADERS,
        json={
            "model": "claude-2.1",
            "max_tokens_to_sample": 200,
            "prompt": f"\n\nHuman: Define {term} in one sentence.\n\nAssistant:",
            "stop_sequences": ["\n\nHuman:"],
        },
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["completion"].strip()


def was_cut_off(term: str) -> bool:
    response = httpx.post(
        API_URL,
        headers=HEADERS,
        json={
            "model": "claude-instant-1.2",
            "max_tokens_to_sample": 5,
            "prompt": f"\n\nHuman: Everything about {term}.\n\nAssistant:",
        },
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["stop_reason"] == "max_tokens"
