import time

import anthropic

CONFIG = {
    "model": "claude-instant-1",
    "max_tokens_to_sample": 200,
    "temperature": 0.2,
    "stop_sequences": [anthropic.HUMAN_PROMPT],
}

client = anthropic.Anthropic(max_retries=0)
topics = ["volcanoes", "glaciers"]
outputs = []

for topic in topics:
    prompt = f"{anthropic.HUMAN_PROMPT} Write one fun fact about {topic}.{anthropic.AI_PROMPT}"
    for attempt in range(3):
        try:
            resp = client.completions.create(prompt=prompt, **CONFIG)
            break
        except (anthropic.RateLimitError, anthropic.APIConnectionError) as err:
            print("retrying after", type(err).__name__)
            time.sleep(2**attempt)
    else:
        raise SystemExit("gave up")
    outputs.append(resp)

summary = {t: (o.completion.strip()[:50], o.stop_reason) for t, o in zip(topics, outputs)}
for key, value in summary.items():
    print(key, value)
