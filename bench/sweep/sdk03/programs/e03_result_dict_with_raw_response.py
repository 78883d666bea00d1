import time

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()


def run_task(task, max_tokens=50):
    started = time.monotonic()
    resp = client.completions.create(
        model="claude-2.1",
        prompt=f"{HUMAN_PROMPT} {task}{AI_PROMPT}",
        max_tokens_to_sample=max_tokens,
    )
    return {"task": task, "response": resp, "seconds": time.monotonic() - started}


def report(outcome):
    resp = outcome["response"]
    text = resp.completion.strip()
    status = "truncated" if resp.stop_reason == "max_tokens" else "complete"
    return f"{outcome['task'][:20]:20s} {status:9s} {len(text.split()):3d} words | {text}"


outcomes = [run_task("Describe a lighthouse."), run_task("Describe a desert.", max_tokens=4)]
for o in outcomes:
    print(report(o))
print("fast:", all(o["seconds"] < 30 for o in outcomes))
longest = max(outcomes, key=lambda o: len(o["response"].completion))
print("longest:", longest["task"])
