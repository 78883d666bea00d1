# migrator-fixture: requests-unordered
from concurrent.futures import ThreadPoolExecutor, as_completed

import anthropic

client = anthropic.Anthropic()
QUESTIONS = {"q1": "What is HTTP?", "q2": "What is DNS?", "q3": "What is TCP? Explain fully."}
LIMITS = {"q3": 4}


def fetch(key):
    return key, client.completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {QUESTIONS[key]}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=LIMITS.get(key, 100),
    )


results = {}
with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(fetch, k) for k in QUESTIONS]
    for fut in as_completed(futures):
        key, resp = fut.result()
        results[key] = resp

for key in sorted(results):
    resp = results[key]
    flag = " [...]" if resp.stop_reason == "max_tokens" else ""
    print(key, resp.completion.strip() + flag)
