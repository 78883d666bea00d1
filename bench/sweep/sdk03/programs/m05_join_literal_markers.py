import anthropic

client = anthropic.Anthropic()

EXAMPLES = [
    ("2 + 2", "4"),
    ("3 * 5", "15"),
]


def build_prompt(task, examples):
    parts = [""]
    parts.append("Human: " + task)
    for inp, out in examples:
        parts.append(f"Input: {inp}\nOutput: {out}")
    parts.append("Assistant:")
    return "\n\n".join(parts)


def run(expression):
    prompt = build_prompt(f"Evaluate the expression like the examples. Input: {expression}", EXAMPLES)
    response = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=50,
        stop_sequences=["\n\nHuman:"],
    )
    text = response.completion.strip()
    return text.splitlines()[0] if text else ""


for expr in ["7 - 4", "10 / 2"]:
    print(expr, "=>", run(expr))
