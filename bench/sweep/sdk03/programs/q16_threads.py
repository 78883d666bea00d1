# migrator-fixture: requests-unordered
from concurrent.futures import ThreadPoolExecutor

import anthropic

client = anthropic.Anthropic()


def work(n):
    r = client.completions.create(
        model="claude-instant-1",
        max_tokens_to_sample=20,
        prompt=f"{anthropic.HUMAN_PROMPT} What is {n}+{n}?{anthropic.AI_PROMPT}",
    )
    return r.completion


with ThreadPoolExecutor(2) as pool:
    for out in pool.map(work, [1, 2, 3]):
        print(out)
