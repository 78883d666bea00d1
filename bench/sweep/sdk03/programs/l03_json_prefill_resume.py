import json

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()
PREFILL = "{"


def extract(text, chunk=14, max_rounds=4):
    prompt = f"{HUMAN_PROMPT} Extract the city from: {text}\nReply in JSON.{AI_PROMPT}{PREFILL}"
    out = ""
    for rounds in range(1, max_rounds + 1):
        resp = client.completions.create(
            model="claude-2.1",
            prompt=prompt + out,
            max_tokens_to_sample=chunk,
        )
        out += resp.completion
        if resp.stop_reason != "max_tokens":
            break
    return rounds, json.loads(PREFILL + out)


for sentence in ["I flew to Lisbon last May.", "Berlin is cold in winter."]:
    n, data = extract(sentence)
    print(n, sorted(data), data.get("answer"))
n, data = extract("Kyoto has many temples.", chunk=200)
print(n, data)
