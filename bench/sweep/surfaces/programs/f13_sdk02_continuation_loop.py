# migrator-fixture: sdk02
import os

import anthropic

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
TOOL_STOP = "calculator"


def run(question, max_steps=3):
    prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    outputs = []
    for step in range(max_steps):
        resp = client.completion(
            prompt=prompt,
            model="claude-v1",
            max_tokens_to_sample=60,
            stop_sequences=[anthropic.HUMAN_PROMPT, TOOL_STOP],
        )
        outputs.append(resp["completion"])
        if resp["stop_reason"] != "stop_sequence":
            break
        prompt += resp["completion"] + TOOL_STOP + " says 42."
    return outputs


for i, out in enumerate(run("What is 6 times 7? Use the calculator.")):
    print(i, out)
