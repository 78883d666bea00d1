# migrator-fixture: sdk02
# migrator-fixture: requests-unordered
import os
from concurrent.futures import ThreadPoolExecutor

import anthropic

client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])
TOPICS = ["volcanoes", "glaciers", "deserts", "rainforests"]

with ThreadPoolExecutor(max_workers=4) as pool:
    summaries = list(
        pool.map(
            lambda t: client.completion(
                prompt=f"{anthropic.HUMAN_PROMPT} Give me one fact about {t}.{anthropic.AI_PROMPT}",
                model="claude-1",
                max_tokens_to_sample=40,
                stop_sequences=[anthropic.HUMAN_PROMPT],
            )["completion"],
            TOPICS,
        )
    )

for topic, summary in zip(TOPICS, summaries):
    print(f"{topic}: {summary.strip()}")
print("total words:", sum(len(s.split()) for s in summaries))
