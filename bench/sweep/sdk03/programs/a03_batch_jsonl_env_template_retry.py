import io
import json
import os
import time

import anthropic

INPUT = """{"id": "r1", "text": "The delivery was fast and the box was intact."}
{"id": "r2", "text": "Broken on arrival, and support never answered."}
{"id": "r3", "text": ""}
{"id": "r4", "text": "It works. Nothing more to say."}
"""

TEMPLATE = os.environ.get(
    "CLASSIFY_TEMPLATE",
    "\n\nHuman: Classify the sentiment of this review as positive, negative or neutral.\n\n"
    "<review>{text}</review>\n\nAssistant: Sentiment:",
)
MAX_ATTEMPTS = int(os.environ.get("BATCH_MAX_ATTEMPTS", "3"))


def classify(client, text):
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return client.completions.create(
                model="claude-instant-1.2",
                prompt=TEMPLATE.format(text=text),
                max_tokens_to_sample=5,
                temperature=0,
            )
        except anthropic.APIConnectionError:
            if attempt == MAX_ATTEMPTS:
                raise
            time.sleep(0.1 * attempt)


def run_batch(src, sink):
    client = anthropic.Anthropic(max_retries=0)
    done = skipped = 0
    for line in src:
        record = json.loads(line)
        if not record["text"]:
            skipped += 1
            continue
        result = classify(client, record["text"])
        label = result.completion.strip().split()[0].strip(".,").lower()
        sink.write(json.dumps({"id": record["id"], "label": label, "stop": result.stop_reason}) + "\n")
        done += 1
    return done, skipped


out = io.StringIO()
done, skipped = run_batch(io.StringIO(INPUT), out)
print(out.getvalue(), end="")
print(f"done={done} skipped={skipped}")
