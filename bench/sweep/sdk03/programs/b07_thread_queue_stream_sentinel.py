import queue
import threading

import anthropic

client = anthropic.Anthropic()
DONE = "__done__"


def worker(prompt, out):
    try:
        stream = client.completions.create(
            prompt=prompt,
            model="claude-instant-1",
            max_tokens_to_sample=40,
            stream=True,
        )
        reason = None
        for completion in stream:
            out.put(completion.completion)
            reason = completion.stop_reason or reason
        out.put((DONE, reason))
    except anthropic.APIError as exc:
        out.put((DONE, f"error: {exc}"))


def ask(question):
    out = queue.Queue()
    prompt = "\n\nHuman: " + question.strip() + "\n\nAssistant:"
    t = threading.Thread(target=worker, args=(prompt, out), daemon=True)
    t.start()
    chunks = []
    while True:
        item = out.get(timeout=30)
        if isinstance(item, tuple) and item[0] == DONE:
            t.join()
            return "".join(chunks), item[1]
        chunks.append(item)


for q in ["  What is a delta? ", "Name a stop on the railway line."]:
    text, reason = ask(q)
    print(f"{reason}: {text.strip()}")
