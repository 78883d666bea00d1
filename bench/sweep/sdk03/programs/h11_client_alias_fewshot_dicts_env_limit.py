import os

import anthropic

EXAMPLES = [
    {"q": "2 + 2", "a": "4"},
    {"q": "3 * 3", "a": "9"},
    {"q": "10 - 7", "a": "3"},
]
MAX_TOKENS = int(os.getenv("MAX_TOKENS", "100"))

client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])


def solve(expression):
    shots = "".join(
        f"{anthropic.HUMAN_PROMPT} {e['q']}{anthropic.AI_PROMPT} {e['a']}" for e in EXAMPLES
    )
    prompt = shots + f"{anthropic.HUMAN_PROMPT} {expression}{anthropic.AI_PROMPT}"
    completion = client.completions.create(
        prompt=prompt,
        model="claude-1",
        max_tokens_to_sample=MAX_TOKENS,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    ).completion
    return completion.strip()


for expr in ["6 / 2", "5 + 8"]:
    print(expr, "=", solve(expr))
