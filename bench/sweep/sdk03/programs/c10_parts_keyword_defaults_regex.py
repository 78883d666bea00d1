import re

import anthropic

DEFAULT_SYSTEM = "You are a calculator. Reply with the result only."
EXAMPLES = (("12 * 3", "36"), ("81 / 9", "9"))


def build(question, *, system=DEFAULT_SYSTEM, examples=EXAMPLES, prefill=""):
    chunks = [system] if system else []
    for q, a in examples:
        chunks += [anthropic.HUMAN_PROMPT, " ", q, anthropic.AI_PROMPT, " ", a]
    chunks += [anthropic.HUMAN_PROMPT, " ", question, anthropic.AI_PROMPT]
    if prefill:
        chunks.append(" " + prefill)
    return "".join(chunks)


def solve(client, question, **build_kwargs):
    reply = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=25,
        prompt=build(question, **build_kwargs),
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    match = re.search(r"\d+", reply.completion)
    return match.group(0) if match else None, reply.completion


client = anthropic.Anthropic()
print(solve(client, "7 + 8"))
print(solve(client, "100 - 1", examples=(), system=None))
num, raw = solve(client, "2 ** 10", prefill="The result is")
print(num, "|", raw[:50])
