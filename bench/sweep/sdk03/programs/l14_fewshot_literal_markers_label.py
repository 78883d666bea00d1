import anthropic

client = anthropic.Anthropic()

EXAMPLES = [
    ("I loved this film!", "positive"),
    ("Worst meal of my life.", "negative"),
]


def classify_prompt(text):
    prompt = "You label the sentiment of reviews."
    for review, label in EXAMPLES:
        prompt += f"\n\nHuman: Review: {review}\n\nAssistant: Label: {label}"
    prompt += f"\n\nHuman: Review: {text}\n\nAssistant: Label:"
    return prompt


def classify(texts):
    responses = [
        client.completions.create(
            model="claude-1",
            prompt=classify_prompt(t),
            max_tokens_to_sample=5,
            stop_sequences=["\n\nHuman:", "\n"],
        )
        for t in texts
    ]
    return [(r.completion.strip().split() or ["?"])[0].lower() for r in responses]


reviews = ["Great acting and music.", "Too long and boring.", "It was fine."]
for review, label in zip(reviews, classify(reviews)):
    print(f"{label:12s} {review}")
