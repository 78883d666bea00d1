# migrator-fixture: sdk02
import os
import time

import anthropic

c = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])
MAX_RETRIES = 5

questions = [
    "Give me one tip for learning to juggle.",
    "List the steps to brew tea, and write STOP when done.",
]
answers = []
for q in questions:
    response = None
    retries = 0
    while response is None and retries < MAX_RETRIES:
        try:
            response = c.completion(
                prompt=anthropic.HUMAN_PROMPT + q + anthropic.AI_PROMPT,
                stop_sequences=[anthropic.HUMAN_PROMPT, "STOP"],
                model="claude-1",
                max_tokens_to_sample=150,
            )
        except Exception as e:
            retries += 1
            print("retrying after", type(e).__name__)
            time.sleep(0)
    if response is None:
        answers.append("")
        continue
    answers.append(response["completion"].strip())
    print(q)
    print("  ->", answers[-1])
    print("  stop:", response["stop_reason"], repr(response.get("stop")))

print(sum(len(a) for a in answers), "characters in", len(answers), "answers")
