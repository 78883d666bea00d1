import json

import anthropic

client = anthropic.Anthropic()
LOG = []


def ask(question):
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=40,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    LOG.append(resp.model_dump_json())
    record = resp.model_dump(include={"completion", "stop_reason"})
    record["text"] = record.pop("completion").strip()
    record["question"] = question
    return record


rows = [ask(q) for q in ["What is a quasar?", "What is a pulsar?"]]
for row in rows:
    print(row["question"], "->", row["text"])
    print("  finished:", row["stop_reason"] is not None)
for line in LOG:
    data = json.loads(line)
    print("logged chars:", len(data.get("completion", "")))
