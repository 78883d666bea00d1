# migrator-fixture: sdk02
import os
import sys

import anthropic

c = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])


def live_answer(question, limit=None):
    shown = ""
    stream = c.completion_stream(
        prompt=f"{anthropic.HUMAN_PROMPT}{question}{anthropic.AI_PROMPT}",
        model="claude-2",
        max_tokens_to_sample=100,
        temperature=0.7,
        top_p=0.9,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    for data in stream:
        text = data["completion"]
        sys.stdout.write(text[len(shown):])
        sys.stdout.flush()
        shown = text
        if limit is not None and len(shown) >= limit:
            print(" [cut]")
            break
    else:
        print()
    return shown


full = live_answer("Explain what a lighthouse does.")
part = live_answer("Explain how tides work.", limit=40)
print(len(full), len(part), part.startswith(" ") or part[:1].isalpha())
