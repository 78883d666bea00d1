import anthropic

client = anthropic.Anthropic()
OUTCOME = {"stop_sequence": "finished", "max_tokens": "truncated"}


def complete(question, limit):
    response = client.completions.create(
        model="claude-2.1",
        max_tokens_to_sample=limit,
        prompt=f"\n\nHuman: {question}\n\nAssistant:",
        stop_sequences=["\n\nHuman:", "STOP"],
    )
    return response.completion, response.stop_reason


CASES = [
    ("Name three rivers.", 50),
    ("Count to ten and STOP there.", 50),
    ("Describe Mars.", 3),
]
for question, limit in CASES:
    text, reason = complete(question, limit)
    print(f"[{OUTCOME[reason]}] {text.strip()}")
