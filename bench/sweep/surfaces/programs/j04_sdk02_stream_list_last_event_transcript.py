# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
SCRIPT = ["Recommend a board game.", "Is it good for two players?", "How long is a game?"]


def final_event(prompt):
    events = list(
        client.completion_stream(
            prompt=prompt,
            model="claude-v1",
            max_tokens_to_sample=40,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
    )
    return events[-1], len(events)


prompt = ""
for user_turn in SCRIPT:
    prompt += f"{anthropic.HUMAN_PROMPT} {user_turn}{anthropic.AI_PROMPT}"
    last, n = final_event(prompt)
    reply = last["completion"].strip()
    prompt += " " + reply
    print(n > 1, last["stop_reason"], reply)
print(prompt.count(anthropic.AI_PROMPT))
