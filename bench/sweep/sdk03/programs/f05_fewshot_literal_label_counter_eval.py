from collections import Counter

import anthropic

EXAMPLES = [
    ("I loved every minute of it.", "positive"),
    ("The battery died after an hour.", "negative"),
    ("It arrived on Tuesday.", "neutral"),
]
DATASET = [
    ("Best purchase I made this year.", "positive"),
    ("Stopped working after a week.", "negative"),
    ("The box is blue.", "neutral"),
]

client = anthropic.Anthropic()


def build_prompt(review):
    prompt = "You label product reviews as positive, negative or neutral."
    for text, label in EXAMPLES:
        prompt += f"\n\nHuman: Review: {text}\n\nAssistant: Sentiment: {label}"
    prompt += f"\n\nHuman: Review: {review}\n\nAssistant: Sentiment:"
    return prompt


def classify(review):
    resp = client.completions.create(
        model="claude-instant-1",
        prompt=build_prompt(review),
        max_tokens_to_sample=20,
        temperature=0,
        stop_sequences=["\n\nHuman:", "\n"],
    )
    words = resp.completion.strip().split()
    return (words[0].lower() if words else ""), resp


responses = []
correct = 0
for review, gold in DATASET:
    pred, resp = classify(review)
    responses.append(resp)
    correct += pred == gold
    print(f"{review[:20]!r:24} gold={gold:8} pred={pred!r}")

print("accuracy:", correct / len(DATASET))
print("stop reasons:", sorted(Counter(r.stop_reason for r in responses).items()))
print("output chars:", sum(len(r.completion) for r in responses))
