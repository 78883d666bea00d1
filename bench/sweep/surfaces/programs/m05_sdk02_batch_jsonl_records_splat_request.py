# migrator-fixture: sdk02
import json
import os
import tempfile

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])

TASKS = {
    "summarize": ("Summarize the following text in one sentence:\n\n{text}", 60),
    "keywords": ("List three keywords for the following text, comma separated:\n\n{text}", 30),
}
RECORDS = [
    {"id": 1, "task": "summarize", "text": "The city council approved a new bike lane on Main Street."},
    {"id": 2, "task": "keywords", "text": "Solar panels were installed on the school roof this summer."},
    {"id": 3, "task": "translate", "text": "Good morning."},
    {"id": 4, "task": "summarize", "text": "A local bakery won a national award for its sourdough."},
]


def process(record):
    template, limit = TASKS[record["task"]]
    request = {
        "prompt": f"{anthropic.HUMAN_PROMPT} {template.format(text=record['text'])}{anthropic.AI_PROMPT}",
        "model": "claude-v1.3",
        "max_tokens_to_sample": limit,
        "temperature": 0,
        "stop_sequences": [anthropic.HUMAN_PROMPT],
    }
    response = client.completion(**request)
    return {"id": record["id"], "output": response["completion"].strip(), "truncated": response["stop_reason"] == "max_tokens"}


with tempfile.TemporaryDirectory() as tmp:
    out_path = os.path.join(tmp, "results.jsonl")
    failed = []
    with open(out_path, "w") as out:
        for record in RECORDS:
            if record["task"] not in TASKS:
                failed.append(record["id"])
                continue
            out.write(json.dumps(process(record)) + "\n")
    with open(out_path) as fh:
        rows = [json.loads(line) for line in fh]

for row in rows:
    print(row["id"], row["truncated"], row["output"])
print("failed:", failed)
