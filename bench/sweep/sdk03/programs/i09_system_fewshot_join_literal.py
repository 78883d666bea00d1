import anthropic

SYSTEM = "You label the sentiment of reviews as positive or negative."
EXAMPLES = [("I loved it", "positive"), ("Broke in a day", "negative")]


def build(review):
    parts = [SYSTEM]
    for text, label in EXAMPLES:
        parts.append(f"Human: Review: {text}")
        parts.append(f"Assistant: {label}")
    parts.append(f"Human: Review: {review}")
    parts.append("Assistant:")
    return "\n\n".join(parts)


def label(client, review):
    out = client.completions.create(
        prompt=build(review),
        model="claude-1",
        max_tokens_to_sample=20,
        stop_sequences=["\n\nHuman:"],
    )
    return out.completion.strip()


client = anthropic.Anthropic()
for review in ["Works great", "Terrible battery"]:
    print(review, "=>", label(client, review))
