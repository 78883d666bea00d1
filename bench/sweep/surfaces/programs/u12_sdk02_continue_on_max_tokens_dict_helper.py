# migrator-fixture: sdk02
import os

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
DEFAULT_PARAMS = dict(model="claude-1", max_tokens_to_sample=8, stop_sequences=[HUMAN_PROMPT])


def complete(prompt, **overrides):
    params = {**DEFAULT_PARAMS, **overrides}
    return client.completion(prompt=prompt, **params)


def long_answer(question, max_rounds=3):
    prompt = f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
    answer = ""
    for rounds in range(1, max_rounds + 1):
        resp = complete(prompt + answer)
        answer += resp["completion"]
        if resp["stop_reason"] != "max_tokens":
            break
    return answer.strip(), rounds, resp["stop_reason"] == "max_tokens"


for q in ("What is 2+2?", "Tell me everything about the history of the printing press."):
    text, rounds, cut = long_answer(q)
    print(f"rounds={rounds} cut={cut} :: {text}")
one = complete(f"{HUMAN_PROMPT} Say hi.{AI_PROMPT}", max_tokens_to_sample=20)
print(one["completion"].strip(), one.get("stop"))
