# migrator-fixture: requests-unordered
import os
from concurrent.futures import ThreadPoolExecutor

import requests
from anthropic import AI_PROMPT, HUMAN_PROMPT

DEFAULTS = {"model": "claude-instant-1.2", "temperature": 0.2, "top_p": 0.9}
URL = os.environ["ANTHROPIC_BASE_URL"] + "/v1/complete"
HEADERS = {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"}
ROLE_PREFIX = {"user": HUMAN_PROMPT, "assistant": AI_PROMPT}


def render(turns):
    return "".join(f"{ROLE_PREFIX[role]} {text}" for role, text in turns) + AI_PROMPT


def complete(prompt, **params):
    body = {**DEFAULTS, "prompt": prompt, **params}
    r = requests.post(URL, headers=HEADERS, json=body, timeout=30)
    r.raise_for_status()
    return r.json()


def run(task):
    name, turns = task
    res = complete(render(turns), max_tokens_to_sample=60, stop_sequences=[HUMAN_PROMPT])
    return name, res["completion"].strip()


TASKS = [
    ("greet", [("user", "Say hello in Spanish.")]),
    ("follow", [("user", "Pick a colour."), ("assistant", "Blue."), ("user", "Why that one?")]),
    ("short", [("user", "One word for happy?")]),
]

with ThreadPoolExecutor(max_workers=2) as pool:
    for name, text in pool.map(run, TASKS):
        print(f"{name:>6} => {text}")
