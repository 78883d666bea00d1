# migrator-fixture: sdk02
import os

import anthropic
import requests

API_KEY = os.environ["ANTHROPIC_API_KEY"]
COMPLETE_URL = os.environ["ANTHROPIC_BASE_URL"].rstrip("/") + "/v1/complete"
client = anthropic.Client(api_key=API_KEY)

ARTICLE = "Researchers found that octopuses change colour faster when they are hunting than when resting."


def summarize_live(text):
    shown = 0
    summary = ""
    for event in client.completion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT} Summarize in two sentences:\n{text}{anthropic.AI_PROMPT}",
        model="claude-v1",
        max_tokens_to_sample=80,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    ):
        summary = event["completion"]
        print(summary[shown:], end="", flush=True)
        shown = len(summary)
    print()
    return summary.strip()


def make_title(summary):
    response = requests.post(
        COMPLETE_URL,
        headers={"x-api-key": API_KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"},
        json={
            "model": "claude-instant-1",
            "prompt": f"{anthropic.HUMAN_PROMPT} Write a headline for this summary: {summary}{anthropic.AI_PROMPT} Headline:",
            "max_tokens_to_sample": 20,
        },
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["completion"].strip()


try:
    summary = summarize_live(ARTICLE)
except anthropic.ApiException as exc:
    summary = ARTICLE
    print("stream failed:", exc)
print("TITLE:", make_title(summary))
